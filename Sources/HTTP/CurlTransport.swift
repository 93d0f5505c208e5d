import Dispatch

/// Sends prepared requests over one reused libcurl easy handle, off Swift's cooperative pool.
///
/// Confinement: the ``CurlEasyHandle`` is touched only inside blocks on `queue`, a private serial
/// DispatchQueue, so `curl_easy_perform` blocks a queue thread, never a cooperative-pool thread,
/// and the handle never sees two threads at once. That is what makes `@unchecked Sendable` sound.
/// Requests from concurrent tasks are therefore sent one after another, on one connection.
final class CurlTransport: @unchecked Sendable {
    private let queue = DispatchQueue(label: "conveyor.http.curl-transfer")
    /// Created on `queue` by the first transfer; read and written only on `queue`.
    private var handle: CurlEasyHandle?

    /// Creates the transport; the easy handle is created by the first transfer, on the queue.
    init() {}

    /// Performs one transfer on the transport queue and resumes the caller with its outcome.
    func perform(_ request: PreparedRequest) async -> Result<HTTPResponse, TransportFailure> {
        await withCheckedContinuation { continuation in
            queue.async {
                continuation.resume(returning: self.performOnQueue(request))
            }
        }
    }

    private func performOnQueue(_ request: PreparedRequest) -> Result<HTTPResponse, TransportFailure> {
        dispatchPrecondition(condition: .onQueue(queue))
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
