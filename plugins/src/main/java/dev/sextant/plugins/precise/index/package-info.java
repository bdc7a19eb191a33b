/**
 * The precise prefix index: which endpoint holds which block of which prompt, fed by KV-cache events.
 *
 * <h2>Design</h2>
 *
 * <ul>
 *   <li><b>Keys are Sextant's own.</b> {@link dev.sextant.plugins.precise.index.BlockKeys} cuts a token
 *       sequence into full blocks and chains a 62-bit key over them (parent key, block tokens; the root
 *       is seeded with {@code hashSeed} and the model or LoRA adapter name). A key therefore stands for a
 *       whole prefix, and a prompt's blocks are found with one exact lookup each: no tree walk over
 *       token strings is needed.</li>
 *   <li><b>Engine hashes are mapped, never recomputed.</b> {@code BlockStored} brings the engine's
 *       hashes together with the tokens; the index computes its keys from the tokens (chaining from the
 *       parent's key, found through the parent's engine hash) and records engine hash → key per endpoint
 *       ({@code EngineHashes}, a primitive open-addressing map of 16-byte slots, tiers in the key's two
 *       spare bits). {@code BlockRemoved}, which carries only
 *       engine hashes, is applied through that map. So the engine's hash function, seed and algorithm
 *       ({@code sha256_cbor}, ...) never matter.</li>
 *   <li><b>One entry per block, all endpoints as bits.</b> The {@link dev.sextant.plugins.precise.index.BlockTable}
 *       maps a key to two bit words (GPU, CPU) per 64 endpoint slots; the default
 *       {@link dev.sextant.plugins.precise.index.OpenBlockTable} keeps them inline next to the key, at a
 *       load of 2/3 to 3/4 (it grows by an eighth, not by doubling). A
 *       shared system prompt held by 64 replicas costs one entry, and matching a prompt against every
 *       candidate is one lookup per block plus a few bit operations
 *       ({@link dev.sextant.plugins.precise.index.PrefixMatcher}), stopping at the first block no
 *       candidate holds.</li>
 *   <li><b>Readers never block.</b> Writers (event batches, speculation, endpoint removal) are serialised
 *       by one lock held for one batch; readers take no lock. Bit words change in place with release
 *       stores, an entry's array is replaced only to grow it, and the table itself is safe for concurrent
 *       reads during a write (the open table's key-words-key reads, the ART's single-writer contract, or
 *       {@code ConcurrentHashMap}).</li>
 *   <li><b>Trust.</b> A sequence gap drops the endpoint's entries: events were lost, so the entries can
 *       no longer be trusted; later events rebuild them (blocks whose parent was lost are skipped and
 *       counted as orphans). {@code AllBlocksCleared} does the same.</li>
 *   <li><b>Speculation.</b> After a pick the prompt's keys are marked speculative for the chosen endpoint
 *       for a short TTL, so a burst of requests sharing a new prefix follows the first one before the
 *       engine's events arrive; {@code BlockStored} confirms an entry, expiry removes it. A speculative
 *       holder is a GPU bit; the writer-only {@code SpeculativeMarks} remembers which bits are guesses.</li>
 *   <li><b>Bounded memory.</b> At most {@code maxBlocksPerEndpoint} engine blocks per endpoint; stored
 *       blocks beyond are ignored and counted (an engine's cache is itself bounded, so the limit only bites
 *       when events are lost or misconfigured).</li>
 * </ul>
 *
 * <p>Known limits: {@code cache_salt} is not part of the keys (events do not carry it in the fields read
 * here), so salted prompts match unsalted ones with the same tokens; one endpoint holding the same tokens
 * under two engine hashes (two salts) loses the bit when either is evicted.
 */
package dev.sextant.plugins.precise.index;
