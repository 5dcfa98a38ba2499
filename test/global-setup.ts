// Builds dist/ once before the suite: black-box tests import the package by name, as users do.
import { execFileSync } from "node:child_process";
import { resolve } from "node:path";

export default function setup() {
  execFileSync("npm", ["run", "-s", "build"], { cwd: resolve(import.meta.dirname, ".."), stdio: "inherit" });
}
