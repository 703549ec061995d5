// The handoff status as a Lightning Path: the checklist (what Sales sees) and the intake panel (what CS sees)
// show the same steps for the same status, drawn from c/handoffRules' statusPath.
import { LightningElement, api } from "lwc";
import { statusPath, type StatusPath } from "c/handoffRules";

export default class HandoffStatusPath extends LightningElement {
  // Null before a handoff exists: the path starts at Draft.
  @api status: string | null = null;

  get path(): StatusPath {
    return statusPath(this.status);
  }
}
