/**
 * The worker thread behind lib/server/parse-off-thread.ts: runs the pure readers of user input named in a
 * request and posts back their result. Plain data in, plain data out; nothing here touches the network.
 */
import { parentPort } from 'node:worker_threads';
import { decodeWhatIf } from '../cost/whatif-request';
import { ManifestError } from '../k8s/manifest';
import type { ParseReply, ParseRequest } from './parse-off-thread';

function run(req: ParseRequest): unknown {
  switch (req.op) {
    case 'whatif':
      return decodeWhatIf(req.arg);
  }
}

parentPort?.on('message', (req: ParseRequest) => {
  let reply: ParseReply;
  try {
    reply = { id: req.id, ok: true, value: run(req) };
  } catch (e) {
    const manifest = e instanceof ManifestError;
    reply = {
      id: req.id,
      ok: false,
      error: {
        document: manifest ? e.document : 0,
        field: manifest ? e.field : null,
        message: manifest ? e.message : `input cannot be read: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`,
      },
    };
  }
  parentPort?.postMessage(reply);
});
