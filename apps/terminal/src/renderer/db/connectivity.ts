import type { Clock } from '@store-os/shared';
import { BehaviorSubject, distinctUntilChanged, type Observable } from 'rxjs';

/** Whether the sync-server answered the last request, and since when that has been so. */
export interface ConnectivityState {
  readonly online: boolean;
  readonly since: number;
  /** The last network failure, in words (shown on hover in the header). */
  readonly reason?: string;
}

/** Tracks reachability of the sync-server from the outcome of every replication request. */
export class Connectivity {
  private readonly subject: BehaviorSubject<ConnectivityState>;

  constructor(private readonly clock: Clock) {
    this.subject = new BehaviorSubject<ConnectivityState>({
      online: false,
      since: clock.now(),
      reason: 'not yet connected',
    });
  }

  private lastAnswerAt: number | undefined;

  /** When the sync-server last answered a request (the last successful sync contact), if ever. */
  get lastSuccessAt(): number | undefined {
    return this.lastAnswerAt;
  }

  get state(): ConnectivityState {
    return this.subject.value;
  }

  get state$(): Observable<ConnectivityState> {
    return this.subject.pipe(distinctUntilChanged((a, b) => a.online === b.online && a.reason === b.reason));
  }

  reachable(): void {
    this.lastAnswerAt = this.clock.now();
    if (!this.subject.value.online) this.subject.next({ online: true, since: this.clock.now() });
  }

  unreachable(reason: string): void {
    if (this.subject.value.online || this.subject.value.reason !== reason) {
      const since = this.subject.value.online ? this.clock.now() : this.subject.value.since;
      this.subject.next({ online: false, since, reason });
    }
  }
}
