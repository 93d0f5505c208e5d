internal import CCurl
import Foundation

/// Collects one transfer's status line, headers and body from libcurl's callbacks.
///
/// Confinement: created, filled and read on the transport queue during one `curl_easy_perform`;
/// libcurl calls the callbacks on that same thread.
final class CurlResponseSink {
    private(set) var headers = HTTPHeaders()
    private(set) var body = Data()
    private(set) var exceededSizeLimit = false
    private let maxBodySize: Int

    init(maxBodySize: Int) {
        self.maxBodySize = maxBodySize
    }

    /// Takes one header line; a new status line (after a redirect or `100 Continue`) starts over.
    func receiveHeaderLine(_ bytes: UnsafeRawBufferPointer) {
        let line = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        if line.hasPrefix("HTTP/") {
            headers = HTTPHeaders()
        } else if let colon = line.firstIndex(of: ":") {
            let name = line[..<colon].trimmingCharacters(in: .whitespaces)
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            headers.add(name, value)
        }
    }

    /// Appends body bytes; returns false once the body would outgrow the limit.
    func receiveBody(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard body.count + bytes.count <= maxBodySize else {
            exceededSizeLimit = true
            return false
        }
        body.append(contentsOf: bytes)
        return true
    }

    /// The `userdata` pointer libcurl hands back to the callbacks. The caller keeps `self` alive
    /// with `withExtendedLifetime` around `curl_easy_perform`.
    var unretainedPointer: UnsafeMutableRawPointer {
        Unmanaged.passUnretained(self).toOpaque()
    }

    fileprivate static func from(_ userdata: UnsafeMutableRawPointer) -> CurlResponseSink {
        Unmanaged<CurlResponseSink>.fromOpaque(userdata).takeUnretainedValue()
    }
}

/// `CURLOPT_HEADERFUNCTION`: hands each header line to the sink. Returning the byte count tells
/// libcurl to continue.
let curlHeaderCallback: ccurl_data_callback = { buffer, size, count, userdata in
    guard let buffer, let userdata else { return 0 }
    let length = size * count
    CurlResponseSink.from(userdata).receiveHeaderLine(UnsafeRawBufferPointer(start: buffer, count: length))
    return length
}

/// `CURLOPT_WRITEFUNCTION`: appends body bytes. Returning 0 makes libcurl stop with
/// `CURLE_WRITE_ERROR`, which is how the size limit ends a transfer.
let curlWriteCallback: ccurl_data_callback = { buffer, size, count, userdata in
    guard let buffer, let userdata else { return 0 }
    let length = size * count
    let accepted = CurlResponseSink.from(userdata).receiveBody(UnsafeRawBufferPointer(start: buffer, count: length))
    return accepted ? length : 0
}
