import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import {
  type Abi,
  type Address,
  createPublicClient,
  createTestClient,
  createWalletClient,
  type Hex,
  http,
  parseAbi,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { foundry } from "viem/chains";
import { freePort, PROJECT_ROOT } from "./server";

// A real EVM node on loopback (Anvil, from the npm platform package) and a
// 6-decimal ERC-20 compiled from OpenZeppelin's sources with solc-js.

const require = createRequire(import.meta.url);
const ANVIL = path.join(PROJECT_ROOT, "node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil");

// Anvil's first two default accounts (public test keys of `test test … junk`).
export const DEPLOYER = privateKeyToAccount("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
export const PAYER = privateKeyToAccount("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");

export const startAnvil = async () => {
  const port = await freePort();
  const child: ChildProcess = spawn(ANVIL, ["--host", "127.0.0.1", "--port", String(port), "--silent"], {
    stdio: "ignore",
  });
  const rpcUrl = `http://127.0.0.1:${port}`;
  const transport = http(rpcUrl);
  const publicClient = createPublicClient({ chain: foundry, transport, cacheTime: 0 });
  const deadline = Date.now() + 20_000;
  for (;;) {
    try {
      await publicClient.getBlockNumber();
      break;
    } catch (error) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`anvil did not start: ${error}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return {
    rpcUrl,
    publicClient,
    testClient: createTestClient({ chain: foundry, mode: "anvil", transport }),
    wallet: (account = PAYER) => createWalletClient({ chain: foundry, account, transport }),
    stop: () => {
      child.kill("SIGKILL");
    },
  };
};
export type Anvil = Awaited<ReturnType<typeof startAnvil>>;

let compiled: { abi: Abi; bytecode: Hex } | undefined;

export const compileTestToken = () => {
  if (compiled) return compiled;
  const solc = require("solc");
  const source = fs.readFileSync(path.join(PROJECT_ROOT, "tests/chain/fixtures/TestToken.sol"), "utf8");
  const input = {
    language: "Solidity",
    sources: { "TestToken.sol": { content: source } },
    settings: { outputSelection: { "*": { "*": ["abi", "evm.bytecode.object"] } } },
  };
  const findImports = (importPath: string) => {
    try {
      return { contents: fs.readFileSync(require.resolve(importPath), "utf8") };
    } catch {
      return { error: `not found: ${importPath}` };
    }
  };
  const output = JSON.parse(solc.compile(JSON.stringify(input), { import: findImports }));
  const errors = (output.errors ?? []).filter((e: { severity: string }) => e.severity === "error");
  if (errors.length) throw new Error(errors.map((e: { formattedMessage: string }) => e.formattedMessage).join("\n"));
  const contract = output.contracts["TestToken.sol"].TestToken;
  compiled = { abi: contract.abi, bytecode: `0x${contract.evm.bytecode.object}` };
  return compiled;
};

export const TOKEN_ABI = parseAbi(["function transfer(address to, uint256 value) returns (bool)"]);

/** Deploys a 6-decimal token, then gives the payer a million of it. */
export const deployToken = async (anvil: Anvil, symbol: string): Promise<Address> => {
  const { abi, bytecode } = compileTestToken();
  const deployer = anvil.wallet(DEPLOYER);
  const hash = await deployer.deployContract({ abi, bytecode, args: [`Test ${symbol}`, symbol] });
  const receipt = await anvil.publicClient.waitForTransactionReceipt({ hash });
  if (!receipt.contractAddress) throw new Error("deployment created no contract");
  const fund = await deployer.writeContract({
    address: receipt.contractAddress,
    abi: TOKEN_ABI,
    functionName: "transfer",
    args: [PAYER.address, 1_000_000n * 10n ** 6n],
  });
  await anvil.publicClient.waitForTransactionReceipt({ hash: fund });
  return receipt.contractAddress;
};
