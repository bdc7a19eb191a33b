package dev.sextant.bench.workload;

import dev.sextant.simulator.tokenize.TextTokenizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The words workloads build prompts from: common English words that the tokenizer turns into exactly one
 * token each when written with a leading space. A prompt is then equally a token sequence (what the
 * virtual-time engines receive) and a text (what an HTTP server receives and tokenises back into the same
 * sequence), so the prefixes workloads share are shared in the engines' prefix caches either way.
 *
 * <p>Immutable and thread-safe.
 */
public final class PromptVocabulary {
    private static final int MIN_WORDS = 64;

    // Letters only: a space followed by letters is always one pre-token for tiktoken-style tokenisers.
    private static final String WORDS = """
            able about above across act add age ago agree air all allow almost alone along also always am among
            amount and animal answer any appear apple area arm army around art as ask at away baby back bad bag
            ball bank base be bear beat bed before begin behind believe bell below best better between big bird
            black blood blue board boat body bone book born both bottom box boy branch bread break bright bring
            brother brown build burn business but buy by call came can capital captain car card care carry case
            cat catch cause cell center century certain chair chance change character charge chart check child
            choose church circle city claim class clean clear close cloud coast cold collect college color come
            common company compare complete condition connect consider contain continue control cook cool copy
            corn correct cost could count country course cover cow create cross crowd cry current cut dance dark
            data day dead deal dear death decide deep degree depend describe design detail develop did die
            differ difficult direct discuss distant divide do doctor does dog dollar door double down draw dream
            dress drink drive drop dry during each early earth east easy eat edge effect egg eight either else
            end enemy energy engine enough enter equal even evening event ever every exact example except exercise
            expect experience eye face fact fair fall family famous far farm fast father fear feel few field
            fight figure fill final find fine finger finish fire first fish five floor flow flower fly follow food
            foot for force forest form forward four free fresh friend from front fruit full fun game garden gas
            gather general gentle get girl give glass go gold good got govern great green ground group grow guess
            guide gun hair half hand happen happy hard has hat have he head hear heart heat heavy help her here
            high hill him his history hold hole home hope horse hot hour house how huge human hundred hunt hurry
            ice idea if imagine in inch include industry insect inside instead interest iron island it job join
            just keep key kill kind king kitchen knew know lady lake land language large last late laugh law lay
            lead learn least leave left leg length less let letter level lie life lift light like line list
            listen little live long look lost lot loud love low machine made main major make man many map mark
            market master match matter may me mean measure meat meet member men metal method middle might mile
            milk million mind minute miss model modern moment money month moon more morning most mother motion
            mountain mouth move much music must my name nation natural nature near need never new next night nine
            no noise north nose note nothing notice now number object ocean of off offer office often oil old on
            once one only open or order other our out over own page paint pair paper park part party pass past
            path pay people perhaps period person pick picture piece place plain plan plane plant play please
            point poor position possible pound power press pretty print problem process produce program protect
            prove provide pull push put question quick quiet quite race radio rain raise reach read ready real
            reason receive record red region remember repeat reply report rest result rich ride right ring rise
            river road rock room root rope rose round row rule run safe said sail salt same sand save say school
            science sea season seat second section see seed seem self sell send sense sentence serve set seven
            several shall shape share sharp she ship shoe shop short should shoulder show side sign silver simple
            since sing single sister sit six size skill skin sky sleep slow small smell smile snow so soft soil
            soldier some son song soon sound south space speak special speed spend spring square stand star start
            state station stay steel step stick still stone stop store story straight strange stream street
            strong student study subject such sudden sugar summer sun supply support sure surface system table
            tail take talk tall teach team tell ten term test than thank that the their them then there these
            they thick thin thing think third this those though thought thousand three through throw tie time
            tiny to today together told tone too took tool top total touch toward town track trade train travel
            tree trip trouble true try turn twenty two type under unit until up us use usual valley value very
            view village visit voice wait walk wall want war warm wash watch water wave way we wear weather week
            weight well went west what wheel when where which while white who whole why wide wife wild will win
            wind window winter wire wish with woman wonder wood word work world would write wrong yard year yellow
            yes yet you young
            """;

    private final String tokenizerName;
    private final int[] tokenIds;
    private final String[] pieces;
    private final Map<Integer, String> pieceOfToken;

    private PromptVocabulary(String tokenizerName, int[] tokenIds, String[] pieces) {
        this.tokenizerName = tokenizerName;
        this.tokenIds = tokenIds;
        this.pieces = pieces;
        Map<Integer, String> map = new HashMap<>(tokenIds.length * 2);
        for (int i = 0; i < tokenIds.length; i++) {
            map.put(tokenIds[i], pieces[i]);
        }
        this.pieceOfToken = Map.copyOf(map);
    }

    /**
     * The words {@code tokenizer} encodes as one token each.
     *
     * @throws WorkloadException when fewer than 64 such words exist (the tokenizer is not an English one)
     */
    public static PromptVocabulary of(TextTokenizer tokenizer) {
        Objects.requireNonNull(tokenizer, "tokenizer");
        Map<Integer, String> chosen = new LinkedHashMap<>();
        for (String word : WORDS.strip().split("\\s+")) {
            String piece = " " + word;
            int[] tokens = tokenizer.encode(piece);
            if (tokens.length == 1) {
                chosen.putIfAbsent(tokens[0], piece);
            }
        }
        if (chosen.size() < MIN_WORDS) {
            throw new WorkloadException("tokenizer " + tokenizer.name() + " encodes only " + chosen.size()
                    + " common English words as one token (expected: at least " + MIN_WORDS + ")");
        }
        int[] ids = new int[chosen.size()];
        String[] texts = new String[chosen.size()];
        int i = 0;
        for (Map.Entry<Integer, String> e : chosen.entrySet()) {
            ids[i] = e.getKey();
            texts[i] = e.getValue();
            i++;
        }
        return new PromptVocabulary(tokenizer.name(), ids, texts);
    }

    /** The tokenizer the vocabulary was built for. */
    public String tokenizerName() {
        return tokenizerName;
    }

    /** How many words there are. */
    public int size() {
        return tokenIds.length;
    }

    /** The token of word {@code index}. */
    public int tokenId(int index) {
        return tokenIds[index];
    }

    /** Every word's token, in word order (a copy). */
    public int[] tokenIds() {
        return tokenIds.clone();
    }

    /**
     * The text of {@code tokens}, which must all be words of this vocabulary.
     *
     * @throws IllegalArgumentException naming the first token that is not
     */
    public String render(int[] tokens) {
        StringBuilder out = new StringBuilder(tokens.length * 6);
        for (int t : tokens) {
            String piece = pieceOfToken.get(t);
            if (piece == null) {
                throw new IllegalArgumentException("token " + t + " is not a word of the prompt vocabulary");
            }
            out.append(piece);
        }
        return out.toString();
    }

    /** The words in order, for tests. */
    List<String> pieces() {
        return new ArrayList<>(List.of(pieces));
    }
}
