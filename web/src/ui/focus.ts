/** Where focus goes back to when the detail panel closes, so a keyboard user is not left on the page body. */
export function focusTable(): void {
  document.querySelector<HTMLElement>('[role="grid"]')?.focus();
}
