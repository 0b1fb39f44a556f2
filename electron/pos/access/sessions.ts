// Who is at the counter, per session (an Electron window, a browser tab): whether the owner unlocked
// it, and which cashier signed in. The owner's unlock ends after 10 minutes without an owner action
// (measured with the injected clock) or with lockOwner; a cashier stays until signing out.
import type { AccessState, Actor } from '../../../shared/access';
import { fail, ok, type Result } from '../../../shared/result';
import type { CallContext } from '../dispatch';
import { verifyPin } from './pins';
import type { AccessConfig } from './stored';
import { waitSentence, WrongPinLimiter } from './wrong-pins';

export const OWNER_IDLE_MS = 10 * 60_000;
/** Sessions nobody used for this long are forgotten (a closed tab never says goodbye). */
const FORGET_SESSION_MS = 24 * 60 * 60_000;

interface SessionState {
  /** The last owner action (or the unlock); null when locked. */
  ownerActiveAtMs: number | null;
  cashierId: string | null;
  seenAtMs: number;
}

export interface AccessControlOptions {
  /** The access rules in force (the owner's settings). */
  rules: () => AccessConfig;
  now: () => Date;
}

export class AccessControl {
  private readonly sessions = new Map<string, SessionState>();
  private readonly ownerDoor = new WrongPinLimiter();
  private readonly cashierDoor = new WrongPinLimiter();

  constructor(private readonly options: AccessControlOptions) {}

  private nowMs(): number {
    return this.options.now().getTime();
  }

  private session(context: CallContext): SessionState {
    const nowMs = this.nowMs();
    let state = this.sessions.get(context.session);
    if (!state) {
      for (const [id, old] of this.sessions) if (nowMs - old.seenAtMs > FORGET_SESSION_MS) this.sessions.delete(id);
      state = { ownerActiveAtMs: null, cashierId: null, seenAtMs: nowMs };
      this.sessions.set(context.session, state);
    }
    state.seenAtMs = nowMs;
    return state;
  }

  private unlockedByPin(context: CallContext): boolean {
    const active = this.sessions.get(context.session)?.ownerActiveAtMs ?? null;
    return active !== null && this.nowMs() - active < OWNER_IDLE_MS;
  }

  /** May this caller act as the owner now? Yes when no owner PIN is set, or its session is unlocked. */
  ownerMay(context: CallContext): boolean {
    if (context.role !== 'counter') return false;
    return this.options.rules().ownerPin === null || this.unlockedByPin(context);
  }

  /** An owner action went ahead: the idle time starts again. */
  ownerActed(context: CallContext): void {
    if (this.unlockedByPin(context)) this.session(context).ownerActiveAtMs = this.nowMs();
  }

  /** The cashier signed in on this session, when cashiers are defined and she still is one. */
  cashierOf(context: CallContext): { id: string; name: string } | null {
    const id = this.sessions.get(context.session)?.cashierId ?? null;
    const cashier = id ? this.options.rules().cashiers.find((known) => known.id === id) : undefined;
    return cashier ? { id: cashier.id, name: cashier.name } : null;
  }

  /** Who the books name for what this caller does: the unlocked owner, else the cashier, else (no owner PIN) the owner. */
  actorOf(context: CallContext): Actor | null {
    if (this.options.rules().ownerPin !== null && this.unlockedByPin(context)) return { role: 'owner', name: null };
    const cashier = this.cashierOf(context);
    if (cashier) return { role: 'cashier', name: cashier.name };
    return this.options.rules().ownerPin === null ? { role: 'owner', name: null } : null;
  }

  state(context: CallContext): AccessState {
    const rules = this.options.rules();
    const active = this.unlockedByPin(context) ? (this.sessions.get(context.session)?.ownerActiveAtMs ?? null) : null;
    return {
      ownerPinSet: rules.ownerPin !== null,
      ownerUnlocked: this.ownerMay(context),
      ownerUnlockedUntil: rules.ownerPin !== null && active !== null ? new Date(active + OWNER_IDLE_MS).toISOString() : null,
      cashiersEnabled: rules.cashiers.length > 0,
      cashier: this.cashierOf(context),
    };
  }

  async unlockOwner(context: CallContext, pin: string): Promise<Result<AccessState>> {
    const hash = this.options.rules().ownerPin;
    if (hash === null) return ok(this.state(context));
    const wait = this.ownerDoor.waitMs(this.nowMs());
    if (wait > 0) return fail('invalid-state', waitSentence(wait), { pin: waitSentence(wait) });
    if (!(await verifyPin(pin, hash))) {
      this.ownerDoor.failed(this.nowMs());
      return fail('invalid-input', 'Wrong PIN.', { pin: 'Wrong PIN' });
    }
    this.ownerDoor.succeeded();
    this.session(context).ownerActiveAtMs = this.nowMs();
    return ok(this.state(context));
  }

  lockOwner(context: CallContext): AccessState {
    this.session(context).ownerActiveAtMs = null;
    return this.state(context);
  }

  /** The owner's PIN was set or changed by this session: every other unlock ends, this one stays open. */
  ownerPinChanged(context: CallContext): void {
    for (const state of this.sessions.values()) state.ownerActiveAtMs = null;
    if (this.options.rules().ownerPin !== null) this.session(context).ownerActiveAtMs = this.nowMs();
  }

  async signInCashier(context: CallContext, pin: string): Promise<Result<AccessState>> {
    const { cashiers } = this.options.rules();
    if (cashiers.length === 0) return fail('invalid-state', 'No cashiers are set up on this counter; the owner adds them in Settings.');
    const wait = this.cashierDoor.waitMs(this.nowMs());
    if (wait > 0) return fail('invalid-state', waitSentence(wait), { pin: waitSentence(wait) });
    // Every hash is checked, whoever matches: the answer takes as long for a right PIN as for a wrong one.
    const matches = await Promise.all(cashiers.map((cashier) => verifyPin(pin, cashier.pin)));
    const index = matches.indexOf(true);
    if (index < 0) {
      this.cashierDoor.failed(this.nowMs());
      return fail('invalid-input', 'Wrong PIN.', { pin: 'Wrong PIN' });
    }
    this.cashierDoor.succeeded();
    this.session(context).cashierId = (cashiers[index] as { id: string }).id;
    return ok(this.state(context));
  }

  signOutCashier(context: CallContext): AccessState {
    this.session(context).cashierId = null;
    return this.state(context);
  }
}
