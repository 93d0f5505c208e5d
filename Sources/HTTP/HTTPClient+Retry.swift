import Foundation

/// What the client does after one attempt.
enum AttemptStep {
    /// Return this response to the caller.
    case finish(HTTPResponse)
    /// Throw this error to the caller.
    case fail(HTTPError)
    /// Sleep this long, then try again.
    case retry(after: Duration)
}

/// The facts about one attempt that decide the next step.
struct AttemptContext {
    let request: HTTPRequest
    let attempt: Int
    let acceptAnyStatus: Bool
    /// The client's policy, or ``RetryPolicy/none`` for a request sent at most once.
    let policy: RetryPolicy
    let redactor: SecretRedactor
}

extension HTTPClient {
    /// Applies the retry policy to one attempt's outcome.
    func nextStep(after outcome: Result<HTTPResponse, TransportFailure>, _ context: AttemptContext) -> AttemptStep {
        let policy = context.policy
        let canRetry = context.attempt < policy.maxAttempts
        switch outcome {
        case .failure(let failure):
            guard failure.isRetryable, canRetry else { return .fail(error(for: failure, context)) }
            return .retry(after: policy.backoff(afterAttempt: context.attempt))
        case .success(let response) where response.isSuccess:
            return .finish(response)
        case .success(let response):
            guard RetryAdvice.isRetryable(response) else {
                return context.acceptAnyStatus ? .finish(response) : .fail(error(for: response, context))
            }
            guard canRetry else { return .fail(error(for: response, context)) }
            guard let wait = RetryAdvice.requestedWait(in: response.headers) else {
                return .retry(after: policy.backoff(afterAttempt: context.attempt))
            }
            guard wait <= policy.maxServerWait else {
                let detail =
                    "The server asked to wait \(wait), longer than the retry policy's maxServerWait "
                    + "of \(policy.maxServerWait)."
                return .fail(error(for: response, context, detail: detail))
            }
            return .retry(after: wait)
        }
    }

    /// The error for a final non-2xx response, with credentials removed from the body.
    func error(for response: HTTPResponse, _ context: AttemptContext, detail: String? = nil) -> HTTPError {
        HTTPError(
            code: RetryAdvice.isRateLimit(response) ? .rateLimited : .status, method: context.request.method,
            path: context.redactor.redact(context.request.url.redactedPath), status: response.status,
            attempts: context.attempt, bodyPrefix: context.redactor.redact(Self.bodyPrefix(of: response.body)),
            detail: detail)
    }

    /// The error for a transfer libcurl could not complete.
    func error(for failure: TransportFailure, _ context: AttemptContext) -> HTTPError {
        HTTPError(
            code: failure.errorCode, method: context.request.method,
            path: context.redactor.redact(context.request.url.redactedPath),
            transportError: context.redactor.redact(failure.summary), attempts: context.attempt)
    }

    /// The first ``HTTPError/bodyPrefixLimit`` bytes of a body as text.
    static func bodyPrefix(of body: Data) -> String {
        String(decoding: body.prefix(HTTPError.bodyPrefixLimit), as: UTF8.self)
    }
}
