// Stand-in for lightning/navigation: there is nowhere to navigate in the preview, so a navigation request becomes
// an event the preview page announces ("Would open ..."), and the current page reference is an Opportunity page.
const NAVIGATE = Symbol("Navigate");
const GENERATE_URL = Symbol("GenerateUrl");

function describe(pageReference) {
  const attributes = pageReference?.attributes ?? {};
  return [pageReference?.type, attributes.objectApiName, attributes.recordId, attributes.actionName]
    .filter(Boolean)
    .join(" ");
}

export function NavigationMixin(Base) {
  return class extends Base {
    [NAVIGATE](pageReference) {
      this.dispatchEvent(
        new CustomEvent("preview__navigate", {
          bubbles: true,
          composed: true,
          detail: { pageReference, text: describe(pageReference) },
        }),
      );
    }

    [GENERATE_URL](pageReference) {
      return Promise.resolve(`#${encodeURIComponent(describe(pageReference))}`);
    }
  };
}
NavigationMixin.Navigate = NAVIGATE;
NavigationMixin.GenerateUrl = GENERATE_URL;

class CurrentPageReferenceAdapter {
  constructor(dataCallback) {
    this.dataCallback = dataCallback;
  }
  connect() {}
  disconnect() {}
  update() {
    this.dataCallback({ type: "standard__app", attributes: {}, state: {} });
  }
}
export const CurrentPageReference = CurrentPageReferenceAdapter;
