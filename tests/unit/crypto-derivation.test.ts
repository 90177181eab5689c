import assert from "node:assert/strict";
import crypto from "node:crypto";
import { describe, test } from "node:test";
import { secp256k1 } from "@noble/curves/secp256k1";
import { mnemonicToSeedSync } from "@scure/bip39";
import { bytesToHex } from "viem";
import { HDKey, mnemonicToAccount, publicKeyToAddress } from "viem/accounts";
import {
  DEMO_TEST_XPUB,
  deriveDepositAddress,
  ExtendedKeyError,
  parseExtendedPublicKey,
} from "@/lib/crypto/derive-address";

const MNEMONIC = "test test test test test test test test test test test junk";
const account = HDKey.fromMasterSeed(mnemonicToSeedSync(MNEMONIC)).derive("m/44'/60'/0'");

describe("deposit address derivation", () => {
  test("child 0/i of the account xpub is the wallet's i-th address (as viem derives it from the mnemonic)", () => {
    assert.equal(account.publicExtendedKey, DEMO_TEST_XPUB);
    for (const index of [0, 1, 2, 7, 1000]) {
      assert.equal(
        deriveDepositAddress(DEMO_TEST_XPUB, index),
        mnemonicToAccount(MNEMONIC, { addressIndex: index }).address,
      );
    }
  });

  test("every address is @scure/bip32's deriveChild of the key's receiving chain, for random keys", () => {
    for (let key = 0; key < 5; key++) {
      const xpub = HDKey.fromMasterSeed(crypto.randomBytes(32)).derive("m/44'/60'/0'").publicExtendedKey;
      const receiving = HDKey.fromExtendedKey(xpub).deriveChild(0);
      const indexes = [0, 1, 2, 19, 20, 255, 256, 65_535, 65_536, 2 ** 31 - 1, crypto.randomInt(2 ** 31 - 1)];
      for (const index of indexes) {
        const child = receiving.deriveChild(index);
        assert.ok(child.publicKey);
        const uncompressed = secp256k1.ProjectivePoint.fromHex(child.publicKey).toRawBytes(false);
        assert.equal(
          deriveDepositAddress(xpub, index),
          publicKeyToAddress(bytesToHex(uncompressed)),
          `${xpub} ${index}`,
        );
      }
    }
  });

  test("addresses differ per index and are checksummed", () => {
    const addresses = new Set(Array.from({ length: 20 }, (_, index) => deriveDepositAddress(DEMO_TEST_XPUB, index)));
    assert.equal(addresses.size, 20);
    for (const address of addresses) assert.match(address, /^0x[0-9a-fA-F]{40}$/);
    assert.equal(deriveDepositAddress(DEMO_TEST_XPUB, 0), "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");
  });

  test("private, master, malformed keys and bad indexes are refused", () => {
    assert.throws(
      () => parseExtendedPublicKey(account.privateExtendedKey),
      (error: Error) => error instanceof ExtendedKeyError && /private key/.test(error.message),
    );
    const master = HDKey.fromMasterSeed(mnemonicToSeedSync(MNEMONIC));
    assert.throws(() => parseExtendedPublicKey(master.publicExtendedKey), /master key/);
    assert.throws(() => parseExtendedPublicKey("xpub-not-a-key"), ExtendedKeyError);
    assert.throws(() => parseExtendedPublicKey(`${DEMO_TEST_XPUB.slice(0, -1)}A`), ExtendedKeyError); // checksum
    assert.throws(() => deriveDepositAddress(DEMO_TEST_XPUB, -1), RangeError);
    assert.throws(() => deriveDepositAddress(DEMO_TEST_XPUB, 2 ** 31), RangeError);
  });
});
