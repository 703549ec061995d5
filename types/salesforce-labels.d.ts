// A Custom Label import is the label's text in the running user's language:
//   import saveLabel from "@salesforce/label/c.Handoff_Save";
// Whether the label exists is checked by npm run check:metadata (every import resolves to a label in
// force-app/main/default/labels), not by the compiler.
declare module "@salesforce/label/*" {
  const label: string;
  export default label;
}
