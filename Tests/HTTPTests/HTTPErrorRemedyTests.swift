import Testing

@testable import HTTP

/// Every remedy an `HTTPError` prints names only things a person can change: no client parameter that no setting
/// reaches.
@Suite struct HTTPErrorRemedyTests {
    @Test func anOversizedAnswerSaysWhatToShortenAndNamesNoHiddenParameter() {
        let error = HTTPError(code: .responseTooLarge, method: .get, path: "/repos/o/r/issues/12", attempts: 1)
        let text = error.description
        #expect(!text.contains("maxResponseSize"))
        #expect(text.contains("32 MiB"))
        #expect(text.contains("shorten the issue body"))
    }

    @Test(arguments: [HTTPError.Code.timeout, .pagination, .responseTooLarge])
    func noRemedyAsksToRaiseASettingThatDoesNotExist(code: HTTPError.Code) {
        let text = HTTPError(code: code, method: .get, path: "/x", attempts: 3).description
        #expect(!text.contains("Raise the"))
        #expect(!text.contains("maxPages"))
        #expect(text.hasSuffix("run the job again."))
    }
}
