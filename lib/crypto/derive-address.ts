import "server-only";
import { secp256k1 } from "@noble/curves/secp256k1";
import { type Address, bytesToHex } from "viem";
import { HDKey, publicKeyToAddress } from "viem/accounts";

// Deposit addresses come from the merchant's account-level extended public key
// (BIP32, m/44'/60'/0' in a wallet such as MetaMask or a Ledger): the session
// with derivation index i is paid at child 0/i, the wallet's i-th receiving
// address. Only public derivation happens here; a private key is refused.

export class ExtendedKeyError extends Error {}

/** The HD key of a valid extended *public* key, or an ExtendedKeyError saying what is wrong. */
export const parseExtendedPublicKey = (xpub: string): HDKey => {
  if (/^[xyzt]prv/.test(xpub)) {
    throw new ExtendedKeyError(
      "is a private key: send the extended public key (xpub…) instead, and keep the private key secret",
    );
  }
  let key: HDKey;
  try {
    key = HDKey.fromExtendedKey(xpub);
  } catch {
    throw new ExtendedKeyError("is not a valid BIP32 extended public key (xpub…)");
  }
  if (key.privateKey) throw new ExtendedKeyError("must be an extended public key, not a private one");
  // Child 0/i of the master key itself would be a path no wallet shows.
  if (key.depth === 0) throw new ExtendedKeyError("is a master key: export the account key (m/44'/60'/0') instead");
  return key;
};

// The receiving chain (child 0) of recently used keys: deriving it is half of
// each address's cost, and a merchant's key rarely changes.
const receivingChains = new Map<string, HDKey>();
const MAX_CACHED_CHAINS = 256;

const receivingChainOf = (xpub: string): HDKey => {
  let chain = receivingChains.get(xpub);
  if (!chain) {
    chain = parseExtendedPublicKey(xpub).deriveChild(0);
    if (receivingChains.size >= MAX_CACHED_CHAINS)
      receivingChains.delete(receivingChains.keys().next().value as string);
    receivingChains.set(xpub, chain);
  }
  return chain;
};

/** The checksummed EVM address at child 0/index of an account's extended public key. */
export const deriveDepositAddress = (xpub: string, index: number): Address => {
  if (!Number.isInteger(index) || index < 0 || index >= 2 ** 31) throw new RangeError(`bad derivation index ${index}`);
  const child = receivingChainOf(xpub).deriveChild(index);
  if (!child.publicKey) throw new ExtendedKeyError("derived no public key");
  // EVM addresses hash the uncompressed point; BIP32 keeps the compressed one.
  const uncompressed = secp256k1.ProjectivePoint.fromHex(child.publicKey).toRawBytes(false);
  return publicKeyToAddress(bytesToHex(uncompressed));
};

/**
 * The account key of the public test mnemonic `test test … junk` (Anvil's and
 * Hardhat's default accounts): the demo merchant's test-mode key. Its funds are
 * public; never use it for real money.
 */
export const DEMO_TEST_XPUB =
  "xpub6Ce9NcJvTk36xtLSrJLZqE7wtgA5deCeYs7rSQtreh4cj6ByPtrg9sD7V2FNFLPnf8heNP3FGkeV9qwfzvZNSd54JoNXVsXFYSYwHsnJxqP";
