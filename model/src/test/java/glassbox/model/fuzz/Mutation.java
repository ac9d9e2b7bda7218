package glassbox.model.fuzz;

/** The kinds of damage the mutator does to a seed file. */
enum Mutation {
    /** Cut the file exactly where a structural element ends (or one byte either side). */
    TRUNCATE_AT_BOUNDARY,
    /** Cut the file at a random length. */
    TRUNCATE_RANDOM,
    /** Flip 1–8 random bits, mostly in the header. */
    BIT_FLIP,
    /** Overwrite 1–4 bytes with 0x00, 0xFF, 0x7F, 0x80 or a random byte. */
    BYTE_REPLACE,
    /** Insert or delete a few bytes at a boundary, shifting everything after it. */
    SHIFT_BYTES,
    /** A count, length or dimension set to 0x7fffffff, 0xffffffff, 0xffffffffffffffff, file size + 1... */
    HUGE_COUNT,
    /** A count, length or dimension set negative. */
    NEGATIVE_VALUE,
    /** A count, length or dimension set to zero. */
    ZERO_VALUE,
    /** A count, length or dimension set to a random small number. */
    RANDOM_FIELD,
    /** A tensor offset out of range, overlapping another, unaligned or huge. */
    BAD_OFFSET,
    /** A metadata key or tensor name duplicated. */
    DUPLICATE_NAME,
    /** A known key given the wrong type (e.g. llama.block_count as a string), or a tensor's type changed. */
    WRONG_TYPE,
    /** NaN, ±Inf or 3.4e38 in float fields (scores, epsilon, rope base, weights). */
    NAN_INF,
    /** Invalid UTF-8 in names, keys, token texts. */
    INVALID_UTF8,
    /** A whole file emptied. */
    EMPTY
}
