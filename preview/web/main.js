// Entry of the preview bundle: synthetic shadow first (the base components' styles rely on it, as in Lightning),
// then the page component.
import "@lwc/synthetic-shadow";
import { createElement } from "lwc";
import App from "preview/app";

document.getElementById("root").appendChild(createElement("preview-app", { is: App }));
