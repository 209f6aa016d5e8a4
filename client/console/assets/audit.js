// The auditor's pages: a file chosen in a file field is read into the text area it names
// (data-into), so a history or a kept heads file is sent as the form's text — nothing leaves the
// page until the auditor presses the button. Without script the text area takes a paste.
document.addEventListener('change', (event) => {
  const input = event.target;
  if (!(input instanceof HTMLInputElement) || input.type !== 'file' || !input.dataset.into) return;
  const target = document.getElementById(input.dataset.into);
  const file = input.files && input.files[0];
  if (!target || !file) return;
  file.text().then((text) => {
    target.value = text;
  });
});
