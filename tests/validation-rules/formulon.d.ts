// formulon ships no type declarations: the part of its API the validation-rule tests use (see its README).
declare module "formulon" {
  export interface FormulonLiteral {
    type: "literal";
    value: unknown;
    dataType: string;
    options: Record<string, unknown>;
  }
  export interface FormulonError {
    type: "error";
    errorType: string;
    message: string;
  }
  export function parse(
    formula: string,
    substitutions?: Record<string, FormulonLiteral>,
  ): FormulonLiteral | FormulonError;
  export function extract(formula: string): string[];
}
