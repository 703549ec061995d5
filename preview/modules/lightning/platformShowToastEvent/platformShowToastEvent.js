// Stand-in for lightning/platformShowToastEvent: the event bubbles out of the component like the platform's, and
// the preview page (preview/app) shows it as an SLDS toast.
export class ShowToastEvent extends CustomEvent {
  constructor(toast) {
    super("lightning__showtoast", { bubbles: true, composed: true, cancelable: true, detail: toast ?? {} });
  }
}
