internal import CCurl

/// A transfer that libcurl could not complete: the `CURLcode` and its message.
struct TransportFailure: Error, Sendable {
    /// The raw `CURLcode`.
    let curlCode: UInt32
    /// The handle's error buffer text, or `curl_easy_strerror` when the buffer was empty.
    let message: String
    /// True when the response body outgrew the client's limit (curl reports a write error).
    let exceededSizeLimit: Bool

    init(curlCode: UInt32, message: String, exceededSizeLimit: Bool = false) {
        self.curlCode = curlCode
        self.message = message
        self.exceededSizeLimit = exceededSizeLimit
    }

    /// How ``HTTPError`` classifies this failure.
    var errorCode: HTTPError.Code {
        if exceededSizeLimit { return .responseTooLarge }
        switch CURLcode(curlCode) {
        case CURLE_OPERATION_TIMEDOUT: return .timeout
        case CURLE_COULDNT_CONNECT, CURLE_GOT_NOTHING, CURLE_PARTIAL_FILE, CURLE_RECV_ERROR, CURLE_SEND_ERROR:
            return .connection
        default: return .transport
        }
    }

    /// True for failures another attempt may cure: refused or dropped connections and timeouts.
    var isRetryable: Bool {
        errorCode == .timeout || errorCode == .connection
    }

    /// `curl error N: message`, for ``HTTPError/transportError``.
    var summary: String {
        "curl error \(curlCode): \(message)"
    }
}
