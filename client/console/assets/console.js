// The console works without this script; it only helps: an error or notice shown after a form
// is sent takes the focus, so a keyboard or screen-reader user meets it first.
document.addEventListener('DOMContentLoaded', function () {
  var alert = document.querySelector('main [role="alert"], main .notice');
  if (alert) {
    if (!alert.hasAttribute('tabindex')) alert.setAttribute('tabindex', '-1');
    alert.focus();
  }
});
