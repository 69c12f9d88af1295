extension String {
    /// True when this key comes before `other` in the order S3 lists keys: ascending UTF-8 bytes,
    /// not Swift's `<` on characters.
    func precedesInKeyOrder(_ other: String) -> Bool {
        utf8.lexicographicallyPrecedes(other.utf8)
    }
}
