// The tour's own objects in its namespace: reading Pods, creating the namespace and the Pods it
// applies (labelled as the tour's), and deleting them. Nothing here touches an object that is
// not the tour's: a Pod of the same name without the label is left as it is, and deletion
// selects by the label.

import type { Pod } from '../../engine/kube-objects.js';
import { isTourObject, MANAGED_BY_LABEL, MANAGED_BY_VALUE, MANAGED_SELECTOR } from '../../engine/ownership.js';
import { hasStatus, KubeApiError } from './api-errors.js';
import type { KubeTransport } from './transport.js';

const enc = encodeURIComponent;
/** How long a replaced Pod may take to go before it is created again. */
const REPLACE_TIMEOUT_MS = 60_000;
const REPLACE_POLL_MS = 250;

export class TourObjects {
  constructor(
    private readonly transport: KubeTransport,
    readonly namespace: string,
  ) {}

  async getPod(name: string): Promise<Pod | null> {
    try {
      return await this.transport.json<Pod>('GET', `${this.podsPath()}/${enc(name)}`);
    } catch (error) {
      if (hasStatus(error, 404)) return null;
      throw error;
    }
  }

  /** The Pods labelled as the tour's (only what carries the label, whatever the server filtered). */
  async tourPods(): Promise<Pod[]> {
    const pods = await this.transport.list<Pod>(`${this.podsPath()}?labelSelector=${enc(MANAGED_SELECTOR)}`);
    return pods.filter((p) => isTourObject(p.metadata));
  }

  /** Creates the namespace (labelled as the tour's) if it does not exist; true if created. */
  async ensureNamespace(): Promise<boolean> {
    try {
      await this.transport.json('GET', `/api/v1/namespaces/${enc(this.namespace)}`);
      return false;
    } catch (error) {
      if (!hasStatus(error, 404)) throw error;
    }
    try {
      await this.transport.json('POST', '/api/v1/namespaces', {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: this.namespace, labels: { [MANAGED_BY_LABEL]: MANAGED_BY_VALUE } },
      });
      return true;
    } catch (error) {
      if (hasStatus(error, 409)) return false;
      throw error;
    }
  }

  /**
   * Creates the Pod labelled as the tour's, or replaces the tour's Pod of that name (a delete
   * and create: Pod specs are immutable); returns it as stored. A Pod of that name that is not
   * the tour's is never replaced.
   */
  async applyPod(pod: Pod): Promise<Pod> {
    const body: Pod = {
      ...pod,
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { ...pod.metadata, namespace: this.namespace, labels: { ...(pod.metadata.labels ?? {}), [MANAGED_BY_LABEL]: MANAGED_BY_VALUE } },
    };
    try {
      return await this.transport.json<Pod>('POST', this.podsPath(), body);
    } catch (error) {
      if (!hasStatus(error, 409)) throw error;
    }
    const existing = await this.getPod(pod.metadata.name);
    if (existing && !isTourObject(existing.metadata)) {
      throw new KubeApiError(409, `pod ${this.namespace}/${pod.metadata.name} exists and is not the tour's (no ${MANAGED_SELECTOR}): it is left as it is`, 'AlreadyExists');
    }
    await this.deletePod(pod.metadata.name);
    await this.untilGone(pod.metadata.name);
    return this.transport.json<Pod>('POST', this.podsPath(), body);
  }

  /** Deletes the Pods labelled as the tour's; their names. */
  async deleteLabelledPods(): Promise<string[]> {
    const names: string[] = [];
    for (const p of await this.tourPods()) {
      if (await this.deletePod(p.metadata.name)) names.push(p.metadata.name);
    }
    return names;
  }

  /** By name: only for the tour's own Pods (applyPod and deleteLabelledPods have checked). */
  private async deletePod(name: string): Promise<boolean> {
    try {
      await this.transport.json('DELETE', `${this.podsPath()}/${enc(name)}`);
      return true;
    } catch (error) {
      if (hasStatus(error, 404)) return false;
      throw error;
    }
  }

  private async untilGone(name: string): Promise<void> {
    const deadline = Date.now() + REPLACE_TIMEOUT_MS;
    while ((await this.getPod(name)) !== null) {
      if (Date.now() > deadline) throw new Error(`pod ${name} was not deleted within ${REPLACE_TIMEOUT_MS / 1000} s`);
      await new Promise((r) => setTimeout(r, REPLACE_POLL_MS));
    }
  }

  private podsPath(): string {
    return `/api/v1/namespaces/${enc(this.namespace)}/pods`;
  }
}
