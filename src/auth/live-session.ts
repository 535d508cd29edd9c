import { BadRequestError, ForbiddenError } from '../lib/errors';
import { atExpiry } from './expiry';
import type { Authenticator, Principal } from './principal';

/** Told the new principal after each renewal; subscriptions use it to move their expiry or end. */
export type RenewalListener = (principal: Principal) => void;

/**
 * One websocket's authenticated session: whose it is, until when, and the timer that closes the
 * socket at expiry. `renew` swaps in a fresher token of the same subject without closing anything.
 */
export class LiveSession {
  #principal: Principal;
  #stopExpiryTimer: () => void;
  readonly #listeners = new Set<RenewalListener>();

  constructor(
    principal: Principal,
    private readonly authenticator: Authenticator,
    /** Runs when the current token expires (closes the socket). */
    private readonly onExpiry: () => void,
  ) {
    this.#principal = principal;
    this.#stopExpiryTimer = atExpiry(principal.expiresAt, onExpiry);
  }

  get principal(): Principal {
    return this.#principal;
  }

  /**
   * Verifies `token` and, when it names the same subject, makes it this socket's principal: the
   * socket's expiry moves and every listener (the running subscriptions) hears of it. A bad token
   * throws UnauthenticatedError and another subject ForbiddenError; neither changes anything.
   */
  async renew(token: string): Promise<Principal> {
    if (this.#principal.subject === null) {
      throw new BadRequestError('Authentication is off on this gateway: there is no token to renew');
    }
    const renewed = await this.authenticator.authenticate(`Bearer ${token}`);
    if (renewed.subject !== this.#principal.subject) {
      throw new ForbiddenError('The new token belongs to another subject; open a new connection for it');
    }
    this.#stopExpiryTimer();
    this.#principal = renewed;
    this.#stopExpiryTimer = atExpiry(renewed.expiresAt, this.onExpiry);
    for (const listener of [...this.#listeners]) listener(renewed);
    return renewed;
  }

  /** Calls `listener` after every renewal; returns a function that stops it. */
  onRenewed(listener: RenewalListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** The socket closed: no timer, no listeners left behind. */
  close(): void {
    this.#stopExpiryTimer();
    this.#listeners.clear();
  }
}
