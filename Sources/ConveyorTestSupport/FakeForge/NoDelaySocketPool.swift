import FlyingSocks
import Foundation

/// FlyingFox's socket pool with `TCP_NODELAY` turned on for every socket it waits on.
///
/// FlyingFox writes a response's head and body in two `write`s. With Nagle's algorithm on, the
/// body waits for the client's ACK of the head, and a keep-alive client delays that ACK by up to
/// 40 ms, so every response after the first on a connection took ~40 ms. Setting the option on the
/// listening socket (which accepted sockets inherit on Linux) and on each connection socket when
/// it first waits avoids that, so the fake forge answers in well under a millisecond.
struct NoDelaySocketPool<Base: AsyncSocketPool>: AsyncSocketPool {
    let base: Base

    func prepare() async throws {
        try await base.prepare()
    }

    func run() async throws {
        try await base.run()
    }

    func suspendSocket(_ socket: Socket, untilReadyFor events: Socket.Events) async throws {
        try? socket.setValue(true, for: BoolSocketOption(level: Int32(IPPROTO_TCP), name: TCP_NODELAY))
        try await base.suspendSocket(socket, untilReadyFor: events)
    }
}
