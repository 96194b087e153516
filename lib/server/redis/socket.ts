import net from 'node:net';
import tls from 'node:tls';
import type { RedisEndpoint } from '../configSchema';
import type { Arg } from './commandWriter';

const CONNECT_TIMEOUT_MS = 2_000;

/**
 * A TCP or TLS socket to the endpoint, with Nagle off (commands are written in batches already).
 * `onConnect` runs once it is connected; a connection that takes longer than two seconds is
 * destroyed, which the caller sees as 'error' and 'close' events.
 */
export function openSocket(endpoint: RedisEndpoint, onConnect: (socket: net.Socket) => void): net.Socket {
  const { host, port, tls: secure } = endpoint;
  const socket = secure ? tls.connect({ host, port, servername: host }) : net.connect({ host, port });
  const timer = setTimeout(() => socket.destroy(new Error('connect timeout')), CONNECT_TIMEOUT_MS);
  socket.once('close', () => clearTimeout(timer));
  socket.once(secure ? 'secureConnect' : 'connect', () => {
    clearTimeout(timer);
    socket.setNoDelay(true);
    onConnect(socket);
  });
  return socket;
}

/** AUTH and SELECT, as far as the endpoint needs them: sent before anything else, so no command runs as the wrong user or in the wrong database. */
export function handshakeCommands({ username, password, db }: RedisEndpoint): Arg[][] {
  const commands: Arg[][] = [];
  if (password) commands.push(username ? ['AUTH', username, password] : ['AUTH', password]);
  if (db) commands.push(['SELECT', db]);
  return commands;
}
