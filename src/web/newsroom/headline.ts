/** The story's headline in the editor's heading and the tab's title, changed here or by a colleague. */
export function showHeadline(root: HTMLElement, headline: string): void {
  const heading = root.querySelector('.nr-title h1');
  if (heading) heading.textContent = headline;
  // The title is "HEADLINE – Dateline newsroom" (views.tsx NewsroomLayout).
  document.title = document.title.replace(
    /^.*( – Dateline newsroom)$/s,
    (_all, tail: string) => headline + tail,
  );
}
