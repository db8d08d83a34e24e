import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff';
import type { Decoded } from './protocol';
import type { Scheduler, TimerHandle } from './scheduler';

/**
 * - `connecting`: a socket is opening;
 * - `open`: the socket is open (the store waits for `hello` before it trusts anything);
 * - `reconnecting`: the socket closed; the next attempt is scheduled after a backoff;
 * - `ended`: the Backend closed the stream on purpose or for a protocol fault; no retry until the
 *   user asks for one (docs/protocol.md, close codes 1000, 1008, 1009);
 * - `unauthenticated`: the session is gone; no retry until the user signs in again;
 * - `closed`: stopped by the IDE.
 */
export type ConnectionState = 'connecting' | 'open' | 'reconnecting' | 'ended' | 'unauthenticated' | 'closed';

export type SocketHandlers = {
  onOpen(): void;
  /** A frame's payload: a string for text frames, anything else for binary ones. */
  onMessage(data: unknown): void;
  /**
   * Frames a transport received and decoded elsewhere (the stream worker), in arrival order. The
   * connection passes them on untouched; it still knows nothing of what they mean.
   */
  onDecoded(frames: readonly Decoded[]): void;
  onClose(code: number, reason: string): void;
};

export type Socket = { send(data: string): void; close(code?: number, reason?: string): void };

/** Opens a socket and reports its events; the seam where tests put a mock WebSocket. */
export type SocketFactory = (url: string, handlers: SocketHandlers) => Socket;

export const browserSocketFactory: SocketFactory = (url, handlers) => {
  const socket = new WebSocket(url);
  socket.onopen = () => handlers.onOpen();
  socket.onmessage = (event: MessageEvent<unknown>) => handlers.onMessage(event.data);
  socket.onclose = (event) => handlers.onClose(event.code, event.reason);
  return { send: (data) => socket.send(data), close: (code, reason) => socket.close(code, reason) };
};

export type ConnectionEvents = {
  opened(): void;
  frame(data: unknown): void;
  /** Frames decoded by the transport, in arrival order, as if each had come through `frame`. */
  decoded(frames: readonly Decoded[]): void;
  /** The socket closed; called before the state changes, so the owner can finish with it. */
  closed(code: number, reason: string): void;
  stateChanged(state: ConnectionState): void;
};

export type ConnectionOptions = {
  readonly url: string;
  readonly socketFactory: SocketFactory;
  readonly scheduler: Scheduler;
  readonly random: () => number;
  readonly backoff?: BackoffPolicy;
  /** How long a socket may stay in the handshake before it is abandoned and retried. */
  readonly connectTimeoutMs?: number;
  /**
   * Asked after a handshake fails: a browser cannot see the HTTP status of a refused WebSocket
   * handshake, so this tells "signed out" (false) from "Backend away" (true or a failure).
   */
  readonly sessionValid?: () => Promise<boolean>;
};

/** The close codes of docs/protocol.md that change what the client does next (`CloseCode`). */
export const CLOSE = {
  NORMAL: 1000,
  POLICY_VIOLATION: 1008,
  TOO_BIG: 1009,
  UNAUTHENTICATED: 4001,
  SLOW_CONSUMER: 4008,
  RATE_LIMITED: 4029,
} as const;

/** After 4029 the client waits at least this long before it reconnects. */
const RATE_LIMITED_WAIT_MS = 10_000;

/**
 * The one WebSocket of the IDE. After a close it does what the close code asks: reconnect with
 * capped, jittered backoff (a network drop, 1001, 1011), at once (4008), after at least ten
 * seconds (4029), or not until the user acts (1000, 1008, 1009) or signs in again (4001). It
 * knows nothing of the protocol: the store resubscribes on each `hello`.
 */
export class StreamConnection {
  private socket: Socket | null = null;
  private generation = 0;
  private attempt = 0;
  private retryTimer: TimerHandle | null = null;
  private connectTimer: TimerHandle | null = null;
  private currentState: ConnectionState = 'closed';

  constructor(
    private readonly options: ConnectionOptions,
    private readonly events: ConnectionEvents,
  ) {}

  get state(): ConnectionState {
    return this.currentState;
  }

  start(): void {
    if (this.socket === null && this.retryTimer === null) {
      this.open();
    }
  }

  stop(): void {
    this.generation++;
    this.clearTimers();
    const socket = this.socket;
    this.socket = null;
    this.setState('closed');
    socket?.close(CLOSE.NORMAL, 'closed by the IDE');
  }

  /** Skips the rest of a backoff, e.g. when the browser says it is online again. */
  retryNow(): void {
    if (this.currentState === 'reconnecting') {
      this.clearTimers();
      this.open();
    }
  }

  /** The user asks to reconnect: also after the Backend ended the stream. */
  reconnect(): void {
    if (this.currentState === 'ended' || this.currentState === 'reconnecting') {
      this.clearTimers();
      this.open();
    }
  }

  /** The connection is healthy again (the Backend said hello): the next failure starts a fresh backoff. */
  resetBackoff(): void {
    this.attempt = 0;
  }

  /** Sends a frame if the socket is open; frames for a closed socket are dropped, since every
   * subscription is sent again on the next hello. */
  send(data: string): boolean {
    if (this.currentState !== 'open' || this.socket === null) {
      return false;
    }
    this.socket.send(data);
    return true;
  }

  /** Ends the current socket after a protocol-level refusal that means signed out. */
  unauthenticated(): void {
    this.generation++;
    this.clearTimers();
    const socket = this.socket;
    this.socket = null;
    this.setState('unauthenticated');
    socket?.close(CLOSE.NORMAL, 'signed out');
  }

  private open(): void {
    const generation = ++this.generation;
    let opened = false;
    const current = () => generation === this.generation;
    this.setState('connecting');
    this.connectTimer = this.options.scheduler.setTimeout(() => {
      if (current() && !opened) {
        this.socket?.close(CLOSE.NORMAL, 'handshake timed out');
        this.closed(1006, 'handshake timed out', false);
      }
    }, this.options.connectTimeoutMs ?? 10_000);
    this.socket = this.options.socketFactory(this.options.url, {
      onOpen: () => {
        if (current()) {
          opened = true;
          this.clearTimers();
          this.setState('open');
          this.events.opened();
        }
      },
      onMessage: (data) => {
        if (current()) {
          this.events.frame(data);
        }
      },
      onDecoded: (frames) => {
        if (current()) {
          this.events.decoded(frames);
        }
      },
      onClose: (code, reason) => {
        if (current()) {
          this.closed(code, reason, opened);
        }
      },
    });
  }

  private closed(code: number, reason: string, opened: boolean): void {
    this.generation++;
    this.clearTimers();
    this.socket = null;
    this.events.closed(code, reason);
    switch (code) {
      case CLOSE.UNAUTHENTICATED:
        this.setState('unauthenticated');
        return;
      case CLOSE.NORMAL:
      case CLOSE.POLICY_VIOLATION:
      case CLOSE.TOO_BIG:
        this.setState('ended');
        // A deliberate end is often a sign-out in another tab: then say so rather than "ended".
        this.checkSession(this.generation, () => {});
        return;
      case CLOSE.SLOW_CONSUMER:
        this.setState('reconnecting');
        this.retryTimer = this.options.scheduler.setTimeout(() => {
          this.retryTimer = null;
          this.open();
        }, 0);
        return;
      default:
        this.setState('reconnecting');
        if (opened) {
          this.scheduleRetry(code === CLOSE.RATE_LIMITED ? RATE_LIMITED_WAIT_MS : 0);
        } else {
          this.checkSession(this.generation, () => this.scheduleRetry(0));
        }
    }
  }

  /**
   * Asks whether the session still holds (a browser cannot see why a handshake failed); moves to
   * `unauthenticated` if not, and otherwise, or if the check itself fails because the Backend is
   * away, carries on with `next`.
   */
  private checkSession(generation: number, next: () => void): void {
    const sessionValid = this.options.sessionValid;
    if (sessionValid === undefined) {
      next();
      return;
    }
    sessionValid().then(
      (valid) => {
        if (generation !== this.generation) {
          return;
        }
        if (valid) {
          next();
        } else {
          this.setState('unauthenticated');
        }
      },
      () => {
        if (generation === this.generation) {
          next();
        }
      },
    );
  }

  private scheduleRetry(atLeastMs: number): void {
    const delay = Math.max(
      atLeastMs,
      backoffDelay(this.options.backoff ?? DEFAULT_BACKOFF, this.attempt, this.options.random()),
    );
    this.attempt++;
    this.retryTimer = this.options.scheduler.setTimeout(() => {
      this.retryTimer = null;
      this.open();
    }, delay);
  }

  private clearTimers(): void {
    if (this.retryTimer !== null) {
      this.options.scheduler.clearTimeout(this.retryTimer);
      this.retryTimer = null;
    }
    if (this.connectTimer !== null) {
      this.options.scheduler.clearTimeout(this.connectTimer);
      this.connectTimer = null;
    }
  }

  private setState(state: ConnectionState): void {
    if (state !== this.currentState) {
      this.currentState = state;
      this.events.stateChanged(state);
    }
  }
}
