// The preview page: an Opportunity record page (checklist beside summary) and the CS intake tab, as Lightning shows
// them, plus what the platform's shell would do for the components: the running user and toasts. Switching tab
// mounts the components afresh, as navigating in Lightning does.
import { LightningElement } from "lwc";
import { get, query, sample, setRunningUser, subscribe } from "preview/store";
import { formatCurrencyAmount } from "c/localeFormat";

const OPPORTUNITY_TAB = "opportunity";
const INTAKE_TAB = "intake";
const MAX_TOASTS = 4;
const UNSAVED_CHANGES_QUESTION = "You have unsaved changes on this page. Leave it and discard them?";
// Like the platform's "dismissible" toasts, success and info go away by themselves; warnings and errors stay.
const TOAST_VISIBLE_MS = 5000;

export default class App extends LightningElement {
  activeTab = OPPORTUNITY_TAB;
  dealId = sample().dealIds[0];
  csUserId = sample().csUserId;
  toasts = [];
  toastCount = 0;
  // Bumped on every store change, so the highlights panel shows the record as saved.
  storeVersion = 0;

  connectedCallback() {
    this.unsubscribe = subscribe(() => {
      this.storeVersion += 1;
    });
  }

  disconnectedCallback() {
    if (this.unsubscribe) this.unsubscribe();
  }

  // The record page's highlights panel: the deal's key fields above the components, as Lightning shows them.
  get highlights() {
    const deal = this.storeVersion >= 0 ? get(this.dealId) : null;
    const handoff = query("Handoff__c", (h) => h.fields.Opportunity__c === this.dealId)[0] ?? null;
    const money = (value) => {
      if (typeof value !== "number") return "None";
      return formatCurrencyAmount(value);
    };
    return {
      title: deal?.fields?.Name ?? "",
      fields: [
        { key: "account", label: "Account", value: get(deal?.fields?.AccountId)?.fields?.Name ?? "None" },
        { key: "amount", label: "Amount", value: money(deal?.fields?.Amount) },
        { key: "stage", label: "Stage", value: deal?.fields?.StageName ?? "None" },
        { key: "tier", label: "Handoff tier", value: deal?.fields?.Handoff_Tier__c ?? "None" },
        { key: "status", label: "Handoff status", value: handoff?.fields?.Status__c ?? "Not started" },
        { key: "owner", label: "CS owner", value: get(handoff?.fields?.CS_Owner__c)?.fields?.Name ?? "Not assigned" },
      ],
    };
  }

  constructor() {
    super();
    setRunningUser(sample().salesUserId);
    this.template.addEventListener("lightning__showtoast", (event) => this.showToast(event.detail ?? {}));
    this.template.addEventListener("preview__navigate", (event) =>
      this.showToast({
        title: "Navigation is not available in the preview",
        message: `Would open: ${event.detail?.text ?? ""}`,
        variant: "info",
      }),
    );
  }

  get tabs() {
    return [
      { value: OPPORTUNITY_TAB, label: "Opportunity", dataId: "tab-opportunity" },
      { value: INTAKE_TAB, label: "CS intake", dataId: "tab-intake" },
    ].map((tab) => ({
      ...tab,
      selected: String(tab.value === this.activeTab),
      itemClass: `slds-tabs_default__item${tab.value === this.activeTab ? " slds-is-active" : ""}`,
    }));
  }

  get isOpportunityTab() {
    return this.activeTab === OPPORTUNITY_TAB;
  }

  get dealOptions() {
    return sample().dealIds.map((id) => ({ label: get(id)?.fields?.Name ?? id, value: id }));
  }

  // Keyed by deal: picking another deal mounts fresh components, as opening another record page does.
  get dealKeys() {
    return [{ key: `checklist-${this.dealId}`, summaryKey: `summary-${this.dealId}`, id: this.dealId }];
  }

  get panelKeys() {
    return [{ key: `panel-${this.csUserId}` }];
  }

  get salesUserText() {
    const user = sample().users.find((u) => u.id === sample().salesUserId);
    return `${user.name} (${user.role})`;
  }

  get csUserOptions() {
    return sample()
      .users.filter((u) => u.role !== "Sales")
      .map((u) => ({ label: `${u.name} (${u.role})`, value: u.id }));
  }

  // Lightning asks before leaving a page whose components hold unsaved edits; the preview asks the same way the
  // browser does for a tab: components that hold edits cancel "beforeunload", and the user confirms leaving.
  confirmLeaving() {
    const leaving = new CustomEvent("beforeunload", { cancelable: true });
    window.dispatchEvent(leaving);
    // eslint-disable-next-line no-alert
    return !leaving.defaultPrevented || window.confirm(UNSAVED_CHANGES_QUESTION);
  }

  handleTab(event) {
    const tab = event.currentTarget.dataset.tab;
    if (tab === this.activeTab || !this.confirmLeaving()) return;
    setRunningUser(tab === INTAKE_TAB ? this.csUserId : sample().salesUserId);
    this.activeTab = tab;
  }

  handleDeal(event) {
    const picker = event.target;
    if (event.detail.value === this.dealId) return;
    if (!this.confirmLeaving()) {
      // Stay on the deal: the picker shows it again.
      picker.value = this.dealId;
      return;
    }
    this.dealId = event.detail.value;
  }

  handleCsUser(event) {
    this.csUserId = event.detail.value;
    setRunningUser(this.csUserId);
  }

  showToast({ title, message, variant }) {
    this.toastCount += 1;
    const kind = ["success", "error", "warning", "info"].includes(variant) ? variant : "info";
    const toast = {
      key: `toast-${this.toastCount}`,
      title: title ?? "",
      message: message ?? "",
      variant: kind,
      className: `slds-notify slds-notify_toast slds-theme_${kind}`,
    };
    this.toasts = [toast, ...this.toasts].slice(0, MAX_TOASTS);
    if (kind === "success" || kind === "info") {
      // eslint-disable-next-line @lwc/lwc/no-async-operation
      setTimeout(() => this.closeToast(toast.key), TOAST_VISIBLE_MS);
    }
  }

  closeToast(key) {
    this.toasts = this.toasts.filter((t) => t.key !== key);
  }

  handleCloseToast(event) {
    this.closeToast(event.currentTarget.dataset.key);
  }
}
