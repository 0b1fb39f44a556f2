// Who is at this window: the owner's unlock and the signed-in cashier, as the core says (getAccess).
// Owner-only calls go through withOwner: when the core answers 'owner-locked', the owner's PIN is
// asked for, and the call is made again once it is unlocked.
import { create } from 'zustand';
import type { AccessState } from '../../shared/access';
import type { PosError, Result } from '../../shared/result';
import { pos } from '../bridge/installed';

export interface AccessStore {
  state: AccessState | null;
  /** The owner's PIN is being asked for (an owner-only call is waiting for it). */
  prompting: boolean;
  busy: boolean;
  error: PosError | null;
}

export const useAccess = create<AccessStore>()(() => ({ state: null, prompting: false, busy: false, error: null }));
const { getState, setState } = useAccess;

/** Resolves the call waiting for the owner's PIN: true once unlocked, false when the owner gave up. */
let waiting: ((unlocked: boolean) => void)[] = [];
let lockTimer: ReturnType<typeof setTimeout> | null = null;

function settle(unlocked: boolean): void {
  const callers = waiting;
  waiting = [];
  for (const resolve of callers) resolve(unlocked);
}

/** Keeps the core's answer, and flips to locked on screen when the unlock runs out. */
function keep(state: AccessState): void {
  if (lockTimer) clearTimeout(lockTimer);
  lockTimer = null;
  setState({ state });
  if (state.ownerUnlockedUntil) {
    const left = Date.parse(state.ownerUnlockedUntil) - Date.now();
    lockTimer = setTimeout(() => void loadAccess(), Math.max(1_000, left + 500));
  }
}

export async function loadAccess(): Promise<void> {
  const result = await pos().getAccess({});
  if (result.ok) keep(result.value);
}

async function send(call: () => Promise<Result<AccessState>>): Promise<boolean> {
  if (getState().busy) return false;
  setState({ busy: true, error: null });
  const result = await call();
  setState({ busy: false, error: result.ok ? null : result.error });
  if (result.ok) keep(result.value);
  return result.ok;
}

export async function unlockOwner(pin: string): Promise<boolean> {
  const unlocked = await send(() => pos().unlockOwner({ pin }));
  if (unlocked) {
    setState({ prompting: false });
    settle(true);
  }
  return unlocked;
}

export function cancelUnlock(): void {
  setState({ prompting: false, error: null });
  settle(false);
}

export function lockOwner(): Promise<boolean> {
  return send(() => pos().lockOwner({}));
}

export function signInCashier(pin: string): Promise<boolean> {
  return send(() => pos().signInCashier({ pin }));
}

export function signOutCashier(): Promise<boolean> {
  return send(() => pos().signOutCashier({}));
}

function askForPin(): Promise<boolean> {
  setState({ prompting: true, error: null });
  return new Promise((resolve) => waiting.push(resolve));
}

/**
 * Runs an owner-only call; when the core says the owner is locked, asks for the PIN and runs it
 * again once unlocked. The owner giving up returns the 'owner-locked' answer as it came.
 */
export async function withOwner<T>(call: () => Promise<Result<T>>): Promise<Result<T>> {
  let result = await call();
  for (let tries = 0; tries < 3 && !result.ok && result.error.code === 'owner-locked'; tries++) {
    void loadAccess();
    if (!(await askForPin())) return result;
    result = await call();
  }
  return result;
}
