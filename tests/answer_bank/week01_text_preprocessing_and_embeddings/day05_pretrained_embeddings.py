"""Answer bank of week01_text_preprocessing_and_embeddings day05_pretrained_embeddings: a plausible wrong answer and a correct alternative per exercise."""

BANK = {
    "char_ngrams": {
        "wrong": '''def char_ngrams(word, min_n=3, max_n=6):
    """FastText's character n-grams of `word`: by start position, then by length; lone markers skipped."""
    marked = "<" + word + ">"
    ngrams = []
    for start in range(len(marked)):
        for length in range(min_n, max_n + 1):
            if start + length > len(marked):
                break
            gram = marked[start:start + length]
            if gram in ("<", ">"):
                continue  # skip the markers on their own
            ngrams.append(gram)
    return ngrams
''',
        "why": "skips every one-character '<' or '>' n-gram, also a '<' or '>' that belongs to the word itself",
        "alternative": '''def char_ngrams(word, min_n=3, max_n=6):
    """FastText's character n-grams of `word`: by start position, then by length; lone markers skipped."""
    chars = ["<", *word, ">"]
    last = len(chars)
    spans = sorted((start, size) for size in range(min_n, max_n + 1)
                   for start in range(0, last - size + 1))
    result = []
    for start, size in spans:
        if size == 1 and start in (0, last - 1):
            continue
        result.append("".join(chars[start:start + size]))
    return result
''',
        "denied": '''def char_ngrams(word, min_n=3, max_n=6):
    """FastText's character n-grams of `word`: by start position, then by length; lone markers skipped."""
    return [ngram.decode("utf-8") for ngram in compute_ngrams_bytes(word, min_n, max_n)]
''',
    },
    "fasttext_hash": {
        "wrong": '''def fasttext_hash(ngram):
    """32-bit FNV-1a of the UTF-8 bytes of `ngram`, bytes >= 128 sign-extended as in FastText."""
    h = 2166136261
    for byte in ngram.encode("utf-8"):
        h = ((h ^ byte) * 16777619) & 0xFFFFFFFF
    return h
''',
        "why": "standard FNV-1a: bytes >= 128 are not sign-extended, so every non-ASCII n-gram hashes differently",
        "alternative": '''def fasttext_hash(ngram):
    """32-bit FNV-1a of the UTF-8 bytes of `ngram`, bytes >= 128 sign-extended as in FastText."""
    import struct

    data = ngram.encode("utf-8")
    signed = struct.unpack(f"{len(data)}b", data)  # C's signed char: -128..127
    h = 0x811C9DC5
    for value in signed:
        h ^= value % (1 << 32)  # two's complement on 32 bits: -1 -> 0xFFFFFFFF
        h = (h * 0x01000193) % (1 << 32)
    return int(h)
''',
        "denied": '''def fasttext_hash(ngram):
    """32-bit FNV-1a of the UTF-8 bytes of `ngram`, bytes >= 128 sign-extended as in FastText."""
    return int(ft_hash_bytes(ngram.encode("utf-8")))
''',
    },
    "oov_vector": {
        "wrong": '''def oov_vector(word, ngram_vectors, min_n=3, max_n=6):
    """FastText's vector for an out-of-vocabulary word: mean of its n-grams' bucket rows, float32 (d,)."""
    table = np.asarray(ngram_vectors, dtype=np.float32)
    grams = set(char_ngrams(word, min_n, max_n))  # each distinct n-gram once
    if not grams:
        return np.zeros(table.shape[1], dtype=np.float32)
    rows = [fasttext_hash(g) % table.shape[0] for g in grams]
    return table[rows].mean(axis=0)
''',
        "why": "counts each distinct n-gram once (a set), so repeated n-grams such as 'ana' in 'banana' are under-weighted",
        "alternative": '''def oov_vector(word, ngram_vectors, min_n=3, max_n=6):
    """FastText's vector for an out-of-vocabulary word: mean of its n-grams' bucket rows, float32 (d,)."""
    table = np.asarray(ngram_vectors)
    n_buckets, dim = table.shape
    rows = ft_ngram_hashes(word, min_n, max_n, n_buckets)  # one bucket row per n-gram, repeats kept
    total = np.zeros(dim, dtype=np.float64)
    for row in rows:
        total += table[row]
    if len(rows) == 0:
        return total.astype(np.float32)
    return (total / len(rows)).astype(np.float32)
''',
        "denied": '''from gensim.models.fasttext import FastTextKeyedVectors


def oov_vector(word, ngram_vectors, min_n=3, max_n=6):
    """FastText's vector for an out-of-vocabulary word: mean of its n-grams' bucket rows, float32 (d,)."""
    table = np.asarray(ngram_vectors, dtype=np.float32)  # (bucket, d)
    vectors = FastTextKeyedVectors(table.shape[1], min_n, max_n, table.shape[0])  # no vocabulary: every word is OOV
    vectors.vectors_ngrams = table
    return np.asarray(vectors.get_vector(word), dtype=np.float32)
''',
    },
    "parse_glove": {
        "wrong": '''def parse_glove(lines):
    """(words, float32 matrix (n, d)) from GloVe text-format lines; ValueError for a ragged line."""
    words, rows = [], []
    dimension = None
    for number, line in enumerate(lines, start=1):
        line = line.rstrip()
        if not line:
            continue
        word, *values = line.split(" ")
        if dimension is None:
            dimension = len(values)
        elif len(values) != dimension:
            raise ValueError(f"line {number}: {len(values)} values, expected {dimension}")
        words.append(word)
        rows.append([float(v) for v in values])
    if not words:
        return [], np.zeros((0, 0), dtype=np.float32)
    return words, np.array(rows, dtype=np.float32)
''',
        "why": "takes d from the first line without checking it has any values: a file whose lines hold only words gives d = 0 instead of a ValueError",
        "alternative": '''def parse_glove(lines):
    """(words, float32 matrix (n, d)) from GloVe text-format lines; ValueError for a ragged line."""
    vocabulary = []
    vectors = []
    width = -1
    line_number = 0
    for raw in lines:
        line_number += 1
        text = raw.rstrip()
        if text == "":
            continue
        word, separator, rest = text.partition(" ")
        numbers = rest.split(" ") if separator else []
        if width < 0:
            width = len(numbers)
            if width == 0:
                raise ValueError(f"line {line_number}: 0 values, expected at least 1")
        if len(numbers) != width:
            raise ValueError(f"line {line_number}: {len(numbers)} values, expected {width}")
        vectors.append(np.array(list(map(float, numbers)), dtype=np.float64))
        vocabulary.append(word)
    if not vocabulary:
        return [], np.zeros((0, 0), dtype=np.float32)
    matrix = np.empty((len(vocabulary), width), dtype=np.float32)
    for row, vector in enumerate(vectors):
        matrix[row] = vector
    return vocabulary, matrix
''',
        "denied": '''def parse_glove(lines):
    """(words, float32 matrix (n, d)) from GloVe text-format lines; ValueError for a ragged line."""
    words, rows, width = [], [], None
    for number, line in enumerate(lines, start=1):
        fields = line.rstrip().split(" ")
        if fields == [""]:
            continue
        for field in fields[1:]:
            float(field)  # ValueError for a field that is not a number
        if len(fields) == 1 or (width is not None and len(fields) - 1 != width):
            raise ValueError(f"line {number}: {len(fields) - 1} values, expected {width or 'at least 1'}")
        width = len(fields) - 1
        words.append(fields[0])
        rows.append(" ".join(fields[1:]))
    if not rows:
        return [], np.zeros((0, 0), dtype=np.float32)
    # gensim reads the numbers; the keys are numbered so that repeated or odd words keep their rows.
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "vectors.txt"
        path.write_text("".join(f"w{i} {row}\\n" for i, row in enumerate(rows)), encoding="utf-8")
        vectors = KeyedVectors.load_word2vec_format(str(path), binary=False, no_header=True)
    return words, np.asarray(vectors.vectors, dtype=np.float32)
''',
    },
    "word_pair_spearman": {
        "wrong": '''def word_pair_spearman(pairs, human_scores, vectors, word_index):
    """(Spearman rho between human scores and cosines of the known pairs, number of known pairs)."""
    vectors = np.asarray(vectors, dtype=np.float64)
    gold, cosines = [], []
    for (a, b), score in zip(pairs, human_scores):
        if a in word_index and b in word_index:
            u, v = vectors[word_index[a]], vectors[word_index[b]]
            cosines.append(u @ v / (np.linalg.norm(u) * np.linalg.norm(v)))
            gold.append(score)
    if len(gold) < 2:
        return float("nan"), len(gold)
    gold_ranks = np.argsort(np.argsort(gold)) + 1.0  # position in sorted order
    model_ranks = np.argsort(np.argsort(cosines)) + 1.0
    gold_ranks -= gold_ranks.mean()
    model_ranks -= model_ranks.mean()
    denominator = np.sqrt((gold_ranks @ gold_ranks) * (model_ranks @ model_ranks))
    if denominator == 0:
        return float("nan"), len(gold)
    return float(gold_ranks @ model_ranks / denominator), len(gold)
''',
        "why": "ranks are sorted positions without averaging ties (argsort of argsort), so tied human scores get distinct ranks",
        "alternative": '''def word_pair_spearman(pairs, human_scores, vectors, word_index):
    """(Spearman rho between human scores and cosines of the known pairs, number of known pairs)."""
    def tied_ranks(values):
        order = sorted(range(len(values)), key=lambda i: values[i])
        ranks = [0.0] * len(values)
        start = 0
        while start < len(order):
            stop = start
            while stop + 1 < len(order) and values[order[stop + 1]] == values[order[start]]:
                stop += 1
            shared = (start + stop) / 2 + 1  # mean of the 1-based positions start+1 .. stop+1
            for position in range(start, stop + 1):
                ranks[order[position]] = shared
            start = stop + 1
        return ranks

    human, model = [], []
    for pair, rating in zip(pairs, human_scores):
        first, second = pair[0], pair[1]
        if first not in word_index or second not in word_index:
            continue
        x = np.array(vectors[word_index[first]], dtype=np.float64)
        y = np.array(vectors[word_index[second]], dtype=np.float64)
        model.append(float(np.dot(x, y) / math.sqrt(np.dot(x, x) * np.dot(y, y))))
        human.append(float(rating))
    count = len(human)
    if count < 2:
        return float("nan"), count
    r, s = tied_ranks(human), tied_ranks(model)
    r_mean, s_mean = sum(r) / count, sum(s) / count
    covariance = sum((a - r_mean) * (b - s_mean) for a, b in zip(r, s))
    spread_r = sum((a - r_mean) ** 2 for a in r)
    spread_s = sum((b - s_mean) ** 2 for b in s)
    if spread_r == 0 or spread_s == 0:
        return float("nan"), count
    return covariance / math.sqrt(spread_r * spread_s), count
''',
        "denied": '''def word_pair_spearman(pairs, human_scores, vectors, word_index):
    """(Spearman rho between human scores and cosines of the known pairs, number of known pairs)."""
    vectors = np.asarray(vectors, dtype=np.float64)
    gold, cosines = [], []
    for (first, second), score in zip(pairs, human_scores):
        if first in word_index and second in word_index:
            u, v = vectors[word_index[first]], vectors[word_index[second]]
            cosines.append(float(u @ v / (np.linalg.norm(u) * np.linalg.norm(v))))
            gold.append(score)
    if len(gold) < 2 or len(set(gold)) == 1 or len(set(cosines)) == 1:
        return float("nan"), len(gold)
    return float(spearmanr(gold, cosines).statistic), len(gold)
''',
    },
    "sentence_vector": {
        "wrong": '''def sentence_vector(tokens, vectors, word_index, weights=None):
    """Weighted mean (float32, shape (d,)) of the vectors of the known tokens; zeros if none is known."""
    vectors = np.asarray(vectors)
    if weights is None:
        weights = [1.0] * len(tokens)
    total = np.zeros(vectors.shape[1], dtype=np.float64)
    count = 0
    for token, weight in zip(tokens, weights):
        if token in word_index:
            total += weight * vectors[word_index[token]]
            count += 1
    weight_sum = sum(weights)  # all weights, unknown tokens included
    if count == 0 or weight_sum == 0:
        return np.zeros(vectors.shape[1], dtype=np.float32)
    return (total / weight_sum).astype(np.float32)
''',
        "why": "divides by the sum of all weights, including those of the unknown tokens that were skipped",
        "alternative": '''def sentence_vector(tokens, vectors, word_index, weights=None):
    """Weighted mean (float32, shape (d,)) of the vectors of the known tokens; zeros if none is known."""
    matrix = np.asarray(vectors, dtype=np.float64)
    alpha = np.ones(len(tokens)) if weights is None else np.asarray(weights, dtype=np.float64).reshape(-1)
    known = np.array([token in word_index for token in tokens], dtype=bool)
    rows = np.array([word_index[token] for token in tokens if token in word_index], dtype=np.int64)
    used = alpha[known] if len(tokens) else np.zeros(0)
    denominator = used.sum()
    if rows.size == 0 or denominator == 0:
        return np.zeros(matrix.shape[1], dtype=np.float32)
    mean = np.einsum("k,kd->d", used, matrix[rows]) / denominator
    return mean.astype(np.float32)
''',
        "denied": '''def sentence_vector(tokens, vectors, word_index, weights=None):
    """Weighted mean (float32, shape (d,)) of the vectors of the known tokens; zeros if none is known."""
    vectors = np.asarray(vectors)
    if not tokens:
        return np.zeros(vectors.shape[1], dtype=np.float32)
    keyed = KeyedVectors(vectors.shape[1], count=0, dtype=np.float64)
    words = sorted(word_index, key=word_index.get)
    keyed.add_vectors(words, vectors[[word_index[word] for word in words]].astype(np.float64))
    mean = keyed.get_mean_vector(list(tokens), weights=None if weights is None else list(weights), pre_normalize=False)
    return np.asarray(mean, dtype=np.float32)  # zeros when no weight is left
''',
    },
    "average_ranks": {
        "wrong": '''def average_ranks(values):
    \"\"\"Ranks 1..n of `values` as float64 (n,); tied values share the mean of the positions they occupy.\"\"\"
    data = np.asarray(values, dtype=np.float64).ravel()
    # competition ranking: every tied value gets the FIRST position of its group
    return np.array([1 + np.sum(data < value) for value in data], dtype=np.float64)
''',
        "why": "gives a group of tied values the lowest of their positions (1, 1 for two tied minima) instead of the mean "
               "(1.5, 1.5), so the ranks no longer average to (n + 1) / 2 and rho is biased when there are ties",
        "alternative": '''def average_ranks(values):
    \"\"\"Ranks 1..n of `values` as float64 (n,); tied values share the mean of the positions they occupy.\"\"\"
    data = np.asarray(values, dtype=np.float64).ravel()
    distinct, inverse, counts = np.unique(data, return_inverse=True, return_counts=True)
    ends = np.cumsum(counts)  # last sorted position of each group of equal values
    group_mean = ends - (counts - 1) / 2.0
    return group_mean[inverse.ravel()].astype(np.float64)
''',
        "denied": '''def average_ranks(values):
    \"\"\"Ranks 1..n of `values` as float64 (n,); tied values share the mean of the positions they occupy.\"\"\"
    from scipy.stats import rankdata

    return np.asarray(rankdata(values), dtype=np.float64)
''',
    },
    "quiz": {
        "wrong": '''toy_vectors = np.array([[1.0, 0.0], [0.0, 1.0]], dtype=np.float32)
toy_index = {"a": 0, "b": 1}
tied_scores = [0.3, 0.7, 0.3, 0.1, 0.7, 0.3]
# Set the six variables below.
predicted_glove_ngrams = 18  # counts the lone markers '<' and '>' as n-grams too
predicted_tied_rank = 5.5
predicted_mean_cosine = 0.8
measured_glove_ngrams = len(char_ngrams("glove", 1, 3))
measured_tied_rank = float(average_ranks(tied_scores)[1])
u = sentence_vector(["a", "b", "b", "zzz"], toy_vectors, toy_index)
v = sentence_vector(["a", "a", "b"], toy_vectors, toy_index)
measured_mean_cosine = float(u @ v / np.linalg.norm(u) / np.linalg.norm(v))
''',
        "why": "predicts 18 n-grams for 'glove' with min_n=1, counting the lone boundary markers that FastText skips",
        "alternative": '''toy_vectors = np.array([[1.0, 0.0], [0.0, 1.0]], dtype=np.float32)
toy_index = {"a": 0, "b": 1}
tied_scores = [0.3, 0.7, 0.3, 0.1, 0.7, 0.3]
# Set the six variables below.
marked = "<glove>"
predicted_glove_ngrams = sum(len(marked) - n + 1 for n in range(1, 4)) - 2
predicted_tied_rank = (5 + 6) / 2
predicted_mean_cosine = (2 / 9 + 2 / 9) / (5 / 9)
measured_glove_ngrams = int(sum(1 for n in range(1, 4) for i in range(len(marked) - n + 1)
                                if not (n == 1 and marked[i] in "<>")))
measured_tied_rank = float(np.mean([k + 1 for k, value in enumerate(sorted(tied_scores)) if value == tied_scores[1]]))
counts_1 = np.array([1.0, 2.0]) / 3   # a once, b twice; zzz unknown
counts_2 = np.array([2.0, 1.0]) / 3
measured_mean_cosine = float(counts_1 @ counts_2 / (np.linalg.norm(counts_1) * np.linalg.norm(counts_2)))
''',
    },
}
