import "server-only";
import crypto from "node:crypto";
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

// BIP32's public child derivation (CKDpub) of each address, on the receiving chain (child 0) of the keys last
// used (the first cached is the first dropped), kept as its point and chain code. @scure/bip32's deriveChild gives the same keys (the unit test
// compares them), but decompresses the parent's point and then the child's again (a square root modulo p
// each, most of a crypto create's CPU): here the point is decompressed once per key, and an address costs one
// multiplication of the generator (precomputed tables), one addition and one inversion.
type ReceivingChain = { point: typeof secp256k1.ProjectivePoint.BASE; publicKey: Uint8Array; chainCode: Uint8Array };
const receivingChains = new Map<string, ReceivingChain>();
const MAX_CACHED_CHAINS = 256;

const receivingChainOf = (xpub: string): ReceivingChain => {
  let chain = receivingChains.get(xpub);
  if (!chain) {
    const key = parseExtendedPublicKey(xpub).deriveChild(0);
    if (!key.publicKey || !key.chainCode) throw new ExtendedKeyError("derived no public key");
    chain = {
      point: secp256k1.ProjectivePoint.fromHex(key.publicKey),
      publicKey: key.publicKey,
      chainCode: key.chainCode,
    };
    if (receivingChains.size >= MAX_CACHED_CHAINS)
      receivingChains.delete(receivingChains.keys().next().value as string);
    receivingChains.set(xpub, chain);
  }
  return chain;
};

/** The public key (a point) of child `index` of a chain, as BIP32 and @scure/bip32 derive it. */
const childPoint = (chain: ReceivingChain, index: number): typeof secp256k1.ProjectivePoint.BASE => {
  const data = Buffer.alloc(chain.publicKey.length + 4);
  data.set(chain.publicKey);
  data.writeUInt32BE(index, chain.publicKey.length);
  const digest = crypto.createHmac("sha512", chain.chainCode).update(data).digest();
  const tweak = BigInt(`0x${digest.subarray(0, 32).toString("hex")}`);
  // As @scure/bip32 does (each below 2^-127 likely): a tweak out of range throws, a child at infinity is
  // skipped for the next index, unless that one would be hardened (2^31 on), which a public key cannot derive.
  if (tweak === 0n || tweak >= secp256k1.CURVE.n) throw new ExtendedKeyError(`child ${index} has no valid key`);
  const point = chain.point.add(secp256k1.ProjectivePoint.BASE.multiply(tweak));
  if (!point.equals(secp256k1.ProjectivePoint.ZERO)) return point;
  if (index + 1 >= 2 ** 31) throw new ExtendedKeyError(`child ${index} has no valid key`);
  return childPoint(chain, index + 1);
};

/** The checksummed EVM address at child 0/index of an account's extended public key. */
export const deriveDepositAddress = (xpub: string, index: number): Address => {
  if (!Number.isInteger(index) || index < 0 || index >= 2 ** 31) throw new RangeError(`bad derivation index ${index}`);
  // EVM addresses hash the uncompressed point; BIP32 keeps the compressed one.
  return publicKeyToAddress(bytesToHex(childPoint(receivingChainOf(xpub), index).toRawBytes(false)));
};

/**
 * The account key of the public test mnemonic `test test … junk` (Anvil's and
 * Hardhat's default accounts): the demo merchant's test-mode key. Its funds are
 * public; never use it for real money.
 */
export const DEMO_TEST_XPUB =
  "xpub6Ce9NcJvTk36xtLSrJLZqE7wtgA5deCeYs7rSQtreh4cj6ByPtrg9sD7V2FNFLPnf8heNP3FGkeV9qwfzvZNSd54JoNXVsXFYSYwHsnJxqP";
