/**
 * A network that records what is sent and can lose the answers of the next writes (POSTs other than `_search`)
 * after the server applied them: the "did it arrive?" case that must never make a second resource.
 */
export class LossyNetwork {
  loseAnswers = 0;
  readonly sent: { method: string; url: string }[] = [];
  /** Writes that reached the server. */
  get posts(): number {
    return this.sent.filter(({ method, url }) => method === 'POST' && !new URL(url).pathname.endsWith('/_search'))
      .length;
  }
  readonly fetch = async (request: Request): Promise<Response> => {
    this.sent.push({ method: request.method, url: request.url });
    const response = await fetch(request);
    const path = new URL(request.url).pathname;
    if (request.method === 'POST' && !path.endsWith('/_search') && this.loseAnswers > 0) {
      this.loseAnswers -= 1;
      throw new TypeError('fetch failed: connection reset');
    }
    return response;
  };
}
