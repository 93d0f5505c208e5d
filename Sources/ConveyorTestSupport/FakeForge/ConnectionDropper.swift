import FlyingFox

/// Makes FlyingFox close a connection without sending a response.
///
/// FlyingFox offers no call to abort a connection, but when a response's WebSocket handler
/// throws before the upgrade response is written, the server logs the error and closes the
/// socket with nothing sent. curl then reports `CURLE_GOT_NOTHING` ("Empty reply from server"),
/// which is what a server or proxy dropping the connection looks like to a client.
struct ConnectionDropper: WSHandler {
    struct Dropped: Error {}

    func makeFrames(for client: AsyncThrowingStream<WSFrame, any Error>) async throws -> AsyncStream<WSFrame> {
        throw Dropped()
    }
}
