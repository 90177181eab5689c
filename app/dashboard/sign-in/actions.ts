"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { field } from "@/lib/dashboard/action";
import { signInWithPassword } from "@/lib/dashboard/sign-in";

export async function signIn(_previous: { error?: string; email?: string }, form: FormData) {
  const email = field(form, "email");
  const result = await signInWithPassword({ email, password: field(form, "password") }, await headers());
  if (!result.ok) return { error: result.message, email };
  redirect("/dashboard");
}
