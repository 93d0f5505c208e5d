internal import CCurl
import Foundation

/// Owns one libcurl easy handle and its error buffer, and runs transfers on it.
///
/// Reusing the handle keeps its connection cache, so sequential requests to one host share a
/// keep-alive connection. `curl_easy_reset` before each transfer clears the previous options but,
/// by libcurl's contract, keeps live connections, the DNS cache and TLS session IDs.
///
/// Confinement: not thread-safe. ``CurlTransport`` creates one and calls ``perform(_:)`` only on
/// its private serial queue; `deinit` runs after the last queued transfer has released it.
///
/// Proxies: no proxy option is set, so libcurl reads `http_proxy`, `https_proxy`, `HTTPS_PROXY`,
/// `ALL_PROXY`/`all_proxy` and `no_proxy`/`NO_PROXY` from the environment itself. Uppercase
/// `HTTP_PROXY` is ignored by libcurl by design (httpoxy: CGI servers put the request's `Proxy`
/// header there).
final class CurlEasyHandle {
    private let handle: UnsafeMutableRawPointer
    private let errorBuffer: UnsafeMutablePointer<CChar>

    /// Creates the handle; fails only when libcurl cannot allocate one.
    init() throws(TransportFailure) {
        CurlGlobal.ensureInitialized()
        guard let handle = curl_easy_init() else {
            throw TransportFailure(curlCode: CURLE_FAILED_INIT.rawValue, message: "curl_easy_init returned NULL")
        }
        self.handle = handle
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
    }

    deinit {
        curl_easy_cleanup(handle)
        errorBuffer.deallocate()
    }

    /// Runs one transfer to completion (blocking) and returns the response or the curl failure.
    func perform(_ request: PreparedRequest) -> Result<HTTPResponse, TransportFailure> {
        curl_easy_reset(handle)
        errorBuffer[0] = 0
        let sink = CurlResponseSink(maxBodySize: request.maxResponseSize)
        var headerList: UnsafeMutablePointer<curl_slist>?
        for line in request.headerLines + ["Expect:"] {
            headerList = curl_slist_append(headerList, line)
        }
        defer { curl_slist_free_all(headerList) }

        do {
            try configure(for: request, headerList: headerList, sink: sink)
        } catch {
            return .failure(error)
        }
        let code = withExtendedLifetime(sink) { curl_easy_perform(handle) }
        guard code == CURLE_OK else {
            return .failure(failure(code, exceededSizeLimit: sink.exceededSizeLimit))
        }
        var status = 0
        ccurl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        return .success(HTTPResponse(status: status, headers: sink.headers, body: sink.body))
    }

    // MARK: - Options

    private func configure(
        for request: PreparedRequest, headerList: UnsafeMutablePointer<curl_slist>?, sink: CurlResponseSink
    ) throws(TransportFailure) {
        try check(ccurl_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer))
        try check(ccurl_setopt_string(handle, CURLOPT_URL, request.url))
        try check(ccurl_setopt_string(handle, CURLOPT_PROTOCOLS_STR, "http,https"))
        try check(ccurl_setopt_long(handle, CURLOPT_NOSIGNAL, 1))
        try check(ccurl_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, request.connectTimeoutMilliseconds))
        try check(ccurl_setopt_long(handle, CURLOPT_TIMEOUT_MS, request.totalTimeoutMilliseconds))
        try check(ccurl_setopt_long(handle, CURLOPT_TCP_KEEPALIVE, 1))
        try check(ccurl_setopt_long(handle, CURLOPT_FRESH_CONNECT, request.freshConnection ? 1 : 0))
        try check(ccurl_setopt_string(handle, CURLOPT_USERAGENT, request.userAgent))
        try check(ccurl_setopt_string(handle, CURLOPT_ACCEPT_ENCODING, ""))
        try check(ccurl_setopt_slist(handle, CURLOPT_HTTPHEADER, headerList))
        try check(ccurl_setopt_data_callback(handle, CURLOPT_HEADERFUNCTION, curlHeaderCallback))
        try check(ccurl_setopt_pointer(handle, CURLOPT_HEADERDATA, sink.unretainedPointer))
        try check(ccurl_setopt_data_callback(handle, CURLOPT_WRITEFUNCTION, curlWriteCallback))
        try check(ccurl_setopt_pointer(handle, CURLOPT_WRITEDATA, sink.unretainedPointer))
        try configureMethod(request.method, body: request.body)
    }

    /// GET and HEAD send no body; every other method sends the body (empty when nil), so that
    /// `Content-Length: 0` goes out for a bodiless PUT or POST.
    private func configureMethod(_ method: HTTPMethod, body: Data?) throws(TransportFailure) {
        switch method {
        case .get:
            try check(ccurl_setopt_long(handle, CURLOPT_HTTPGET, 1))
        case .head:
            try check(ccurl_setopt_long(handle, CURLOPT_NOBODY, 1))
        default:
            let bytes = body ?? Data()
            try check(ccurl_setopt_off(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(bytes.count)))
            if bytes.isEmpty {
                // An empty C string, not NULL: NULL would make libcurl read the body from a callback.
                try check(ccurl_setopt_string(handle, CURLOPT_COPYPOSTFIELDS, ""))
            } else {
                let code = bytes.withUnsafeBytes { raw in
                    ccurl_setopt_pointer(
                        handle, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: raw.baseAddress))
                }
                try check(code)
            }
            if method != .post {
                try check(ccurl_setopt_string(handle, CURLOPT_CUSTOMREQUEST, method.rawValue))
            }
        }
    }

    private func check(_ code: CURLcode) throws(TransportFailure) {
        guard code == CURLE_OK else { throw failure(code, exceededSizeLimit: false) }
    }

    private func failure(_ code: CURLcode, exceededSizeLimit: Bool) -> TransportFailure {
        let buffered = String(cString: errorBuffer)
        let message = buffered.isEmpty ? String(cString: curl_easy_strerror(code)) : buffered
        return TransportFailure(curlCode: code.rawValue, message: message, exceededSizeLimit: exceededSizeLimit)
    }
}
