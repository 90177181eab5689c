// A wallet checkout's customer and cards, for the tests and the bench (no server needed to import them).

export const TEST_CARD = { number: "4242 4242 4242 4242", expiry: "12/34", cvc: "123" };
export const DECLINED_CARD = { ...TEST_CARD, number: "4000 0000 0000 0002" };
export const CUSTOMER = { first_name: "Ada", last_name: "Lovelace", email: "ada@example.com", phone: "+14155550123" };
