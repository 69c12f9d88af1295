/// Where E-utilities requests go and who sends them: NCBI asks every client to name its tool and
/// a contact address, and grants a higher rate to requests carrying an API key.
public struct EUtilitiesEndpoint: Sendable, Hashable {
    /// The base URL that `efetch.fcgi` is appended to, ending with `/`.
    public var baseURL: String
    /// The `tool` parameter: the program's name, registered with NCBI or not.
    public var tool: String
    /// The `email` parameter: whom NCBI writes to before blocking a misbehaving client.
    public var email: String
    /// The `api_key` parameter, nil without one.
    public var apiKey: String?

    /// NCBI's own base URL.
    public static let ncbiBaseURL = "https://eutils.ncbi.nlm.nih.gov/entrez/eutils/"

    /// An endpoint at `baseURL` (a `/` is added when missing).
    public init(baseURL: String = ncbiBaseURL, tool: String, email: String, apiKey: String? = nil) {
        self.baseURL = baseURL.hasSuffix("/") ? baseURL : baseURL + "/"
        self.tool = tool
        self.email = email
        self.apiKey = apiKey
    }

    /// The requests a second NCBI allows: 10 with an API key, 3 without.
    public var allowedRequestsPerSecond: Double {
        apiKey == nil ? 3 : 10
    }

    /// The rate to send at: 80% of the allowed one, so that any `allowed + 1` requests in a row
    /// leave 250 ms apart more than a second. NCBI counts requests as they arrive, and requests
    /// sent exactly 1/3 s apart arrive closer whenever an early one is delayed (a new connection's
    /// TLS handshake, a slow route), which is enough to be refused.
    public var sendingRequestsPerSecond: Double {
        allowedRequestsPerSecond * 0.8
    }
}
