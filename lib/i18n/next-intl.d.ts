import type { FORMATS } from "./formats";
import type en from "./messages/en.json";

// next-intl's types follow the English catalog: a key no catalog has, or a
// message given the wrong arguments, fails the type check.
declare module "next-intl" {
  interface AppConfig {
    Messages: typeof en;
    Formats: typeof FORMATS;
  }
}
