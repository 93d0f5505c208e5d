import Blocking
import Dispatch
import Synchronization

/// Sends prepared requests over reused libcurl easy handles, off Swift's cooperative pool.
///
/// A transfer takes an idle *lane* (a ``CurlEasyHandle`` with a private serial ``Blocking/BlockingQueue`` of its
/// own), or opens a new one when every lane is busy, and gives it back when done. Sequential requests therefore
/// always use the same lane and reuse one keep-alive connection; concurrent requests (independent reads started
/// with `async let`) each get a lane and run at the same time, each lane keeping its own connection. At most
/// ``maxIdleLanes`` idle lanes are kept; a lane beyond that is closed when its transfer ends.
///
/// Confinement: a lane's handle is touched only inside blocks on that lane's queue, and a lane is used by one
/// transfer at a time (it is out of the idle list while in use), so `curl_easy_perform` blocks a queue thread,
/// never a cooperative-pool thread, and no handle sees two threads at once. The idle list is guarded by a mutex.
/// That is what makes `@unchecked Sendable` sound.
final class CurlTransport: @unchecked Sendable {
    /// How many idle connections a client keeps open.
    static let maxIdleLanes = 4

    private let idle = Mutex<[CurlLane]>([])

    /// Creates the transport; easy handles are created by the first transfers, on their lanes' queues.
    init() {}

    /// Performs one transfer on an idle lane (or a new one) and resumes the caller with its outcome.
    func perform(_ request: PreparedRequest) async -> Result<HTTPResponse, TransportFailure> {
        let lane = idle.withLock { $0.popLast() } ?? CurlLane()
        let outcome = await lane.queue.run { lane.performOnQueue(request) }
        idle.withLock { lanes in
            if lanes.count < Self.maxIdleLanes { lanes.append(lane) }
        }
        return outcome
    }
}

/// One easy handle and the serial queue it is used on; see ``CurlTransport``.
private final class CurlLane: @unchecked Sendable {
    let queue = BlockingQueue(label: "conveyor.http.curl-transfer")
    /// Created on `queue` by the first transfer; read and written only on `queue`.
    private var handle: CurlEasyHandle?

    func performOnQueue(_ request: PreparedRequest) -> Result<HTTPResponse, TransportFailure> {
        dispatchPrecondition(condition: .onQueue(queue.queue))
        if let handle { return handle.perform(request) }
        do throws(TransportFailure) {
            let created = try CurlEasyHandle()
            handle = created
            return created.perform(request)
        } catch {
            return .failure(error)
        }
    }
}
