// The same message for an unknown e-mail and a wrong password, so the form tells nobody which accounts exist.
// Its own module because the browser's forms compare against it too.
export const WRONG_CREDENTIALS = "E-mail or password is incorrect.";
