import Foundation
import HTTP

extension ForgeREST {
    /// `GET <api>/user`. GitHub answers 403 for tokens that are not a user's (an App installation token, the
    /// Actions `GITHUB_TOKEN`); that, and a 404 from a forge without the endpoint, is nil rather than an error.
    func currentUser() async throws(ForgeError) -> Account? {
        let operation = APIOperation("read the account the token acts as", needs: .readRepository)
        guard let url = URL(string: apiRoot + "/user") else {
            throw failure(.invalidRequest, operation, detail: "The API URL does not form a valid URL with /user.")
        }
        return try await perform(operation) {
            do {
                return try await http.json(Account.self, HTTPRequest(url: url))
            } catch let error as HTTPError where error.code == .status && [403, 404].contains(error.status ?? 0) {
                return nil
            }
        }
    }
}
