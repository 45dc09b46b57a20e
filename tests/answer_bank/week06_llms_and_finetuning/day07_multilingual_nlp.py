"""Answer bank of week06_llms_and_finetuning day07_multilingual_nlp: a plausible wrong answer, a correct alternative
and, where a library call would do the exercise, a denied answer per exercise."""

BANK = {
    "fertility": {
        "wrong": '''def fertility(tokenize, words):
    """(mean tokens per word, share of words cut into more than one token) of `tokenize` on `words`."""
    if not words:
        raise ValueError("no words")
    counts = [len(set(tokenize(word))) for word in words]          # DISTINCT tokens: repeats counted once
    return float(np.mean(counts)), float(np.mean([count > 1 for count in counts]))
''',
        "why": "counts the distinct tokens of a word instead of all of them, so a word spelled with a repeated "
               "piece ('aa' as two byte tokens) looks cheaper than it is",
        "alternative": '''def fertility(tokenize, words):
    """(mean tokens per word, share of words cut into more than one token) of `tokenize` on `words`."""
    total_tokens, split_words = 0, 0
    for word in words:
        pieces = 0
        for _ in tokenize(word):
            pieces += 1
        total_tokens += pieces
        split_words += pieces >= 2
    if not words:
        raise ValueError("fertility of no words is undefined")
    return total_tokens / len(words), split_words / len(words)
''',
    },
    "char_ngrams": {
        "wrong": '''def char_ngrams(text, n_values):
    """Counts of the character n-grams (n in n_values) of the words of text, each word padded as '<' + word + '>'."""
    if min(n_values, default=1) < 1:
        raise ValueError("n >= 1")
    counts = Counter()
    for word in text.split():                       # no boundary padding
        for n in n_values:
            for start in range(len(word) - n + 1):
                counts[word[start:start + n]] += 1
    return dict(counts)
''',
        "why": "forgets the '<' and '>' boundary markers, so the n-grams that say how words start and end are missing",
        "alternative": '''def char_ngrams(text, n_values):
    """Counts of the character n-grams (n in n_values) of the words of text, each word padded as '<' + word + '>'."""
    for n in n_values:
        if n <= 0:
            raise ValueError("n must be positive")
    result = {}
    for word in text.split():
        padded = "<" + word + ">"
        for n in n_values:
            for end in range(n, len(padded) + 1):
                gram = padded[end - n:end]
                result[gram] = result.get(gram, 0) + 1
    return result
''',
        "denied": '''def char_ngrams(text, n_values):
    """Counts of the character n-grams (n in n_values) of the words of text, each word padded as '<' + word + '>'."""
    from sklearn.feature_extraction.text import CountVectorizer

    if any(n < 1 for n in n_values):
        raise ValueError("n >= 1")
    counts = Counter()
    for n in n_values:
        analyzer = CountVectorizer(analyzer="char_wb", ngram_range=(n, n), lowercase=False).build_analyzer()
        for word in text.split():
            counts.update(gram.replace(" ", "<", 1) if gram.startswith(" ") else gram
                          for gram in analyzer(word) if len(gram) == n)
    return {(gram[:-1] + ">" if gram.endswith(" ") else gram): count for gram, count in counts.items()}
''',
    },
    "NgramLanguageIdentifier": {
        "wrong": '''class NgramLanguageIdentifier:
    """Character n-gram language identifier with add-k smoothing (equal priors)."""

    def __init__(self, n_values=(1, 2, 3), k=0.5):
        if k <= 0:
            raise ValueError("k > 0")
        self.n_values, self.k = list(n_values), k

    def fit(self, texts, labels):
        if not texts or len(texts) != len(labels):
            raise ValueError("texts and labels")
        self.languages_ = sorted(set(labels))
        self.counts_ = {language: Counter() for language in self.languages_}
        for text, label in zip(texts, labels):
            self.counts_[label].update(char_ngrams(text, self.n_values))
        return self

    def log_likelihoods(self, texts):
        scores = np.zeros((len(texts), len(self.languages_)))
        for row, text in enumerate(texts):
            for column, language in enumerate(self.languages_):
                counts = self.counts_[language]
                vocabulary = len(counts)                      # this language's own n-grams only
                total = sum(counts.values()) + self.k * vocabulary
                for gram, count in char_ngrams(text, self.n_values).items():
                    scores[row, column] += count * math.log((counts[gram] + self.k) / total)
        return scores

    def predict(self, texts):
        return [self.languages_[i] for i in self.log_likelihoods(texts).argmax(axis=1)]
''',
        "why": "smooths with each language's own vocabulary size instead of the shared |V| + 1, so the denominators "
               "differ between languages and a language with few distinct n-grams is favoured",
        "alternative": '''class NgramLanguageIdentifier:
    """Character n-gram language identifier with add-k smoothing (equal priors)."""

    def __init__(self, n_values=(1, 2, 3), k=0.5):
        if k <= 0:
            raise ValueError("the add-k constant must be positive")
        self.n_values = tuple(n_values)
        self.k = k

    def fit(self, texts, labels):
        if len(texts) == 0 or len(texts) != len(labels):
            raise ValueError("need one label per text")
        self.languages_ = sorted(set(labels))
        per_language = {language: Counter() for language in self.languages_}
        for text, label in zip(texts, labels):
            for gram, count in char_ngrams(text, self.n_values).items():
                per_language[label][gram] += count
        vocabulary = set()
        for counter in per_language.values():
            vocabulary.update(counter)
        self._tables = []
        for language in self.languages_:
            denominator = sum(per_language[language].values()) + self.k * (len(vocabulary) + 1)
            self._tables.append((per_language[language], np.log(denominator)))
        return self

    def log_likelihoods(self, texts):
        out = np.empty((len(texts), len(self.languages_)))
        for i, text in enumerate(texts):
            grams = char_ngrams(text, self.n_values)
            for j, (counter, log_denominator) in enumerate(self._tables):
                out[i, j] = sum(count * (np.log(counter.get(gram, 0) + self.k) - log_denominator)
                                for gram, count in grams.items())
        return out

    def predict(self, texts):
        scores = self.log_likelihoods(texts)
        return [self.languages_[int(np.argmax(row))] for row in scores]
''',
        "denied": '''class NgramLanguageIdentifier:
    """Character n-gram language identifier with add-k smoothing (equal priors)."""

    def __init__(self, n_values=(1, 2, 3), k=0.5):
        if k <= 0:
            raise ValueError("k > 0")
        self.n_values, self.k = list(n_values), k

    def fit(self, texts, labels):
        if not texts or len(texts) != len(labels):
            raise ValueError("texts and labels")
        self.languages_ = sorted(set(labels))
        return self

    def log_likelihoods(self, texts):
        import py3langid

        scores = np.zeros((len(texts), len(self.languages_)))
        for row, text in enumerate(texts):
            ranked = dict(py3langid.rank(text))
            scores[row] = [ranked.get(language, -1e9) for language in self.languages_]
        return scores

    def predict(self, texts):
        return [self.languages_[i] for i in self.log_likelihoods(texts).argmax(axis=1)]
''',
    },
    "detect_code_switches": {
        "wrong": '''def detect_code_switches(scores, switch_penalty):
    """Viterbi labels (T,) int64 maximising the sum of scores[t, label_t] minus switch_penalty per change of label."""
    scores = np.asarray(scores, dtype=float)
    if scores.ndim != 2 or scores.shape[1] == 0 or switch_penalty < 0:
        raise ValueError("bad input")
    labels = np.zeros(len(scores), dtype=np.int64)
    for t in range(len(scores)):                       # greedy, left to right
        best = int(scores[t].argmax())
        if t == 0:
            labels[t] = best
        elif scores[t, best] - scores[t, labels[t - 1]] > switch_penalty:
            labels[t] = best
        else:
            labels[t] = labels[t - 1]
    return labels
''',
        "why": "decides each switch greedily from the current token alone, so it cannot see that a run of several "
               "tokens together pays for a switch (or that switching back later costs a second penalty)",
        "alternative": '''def detect_code_switches(scores, switch_penalty):
    """Viterbi labels (T,) int64 maximising the sum of scores[t, label_t] minus switch_penalty per change of label."""
    S = np.array(scores, dtype=float)
    if S.ndim != 2 or S.shape[1] < 1:
        raise ValueError("scores must be (T, K)")
    if switch_penalty < 0:
        raise ValueError("negative penalty")
    T, K = S.shape
    if T == 0:
        return np.array([], dtype=np.int64)
    value = [list(S[0])]
    came_from = [[0] * K]
    for t in range(1, T):
        row, back = [], []
        for j in range(K):
            options = [value[-1][i] - (0.0 if i == j else switch_penalty) for i in range(K)]
            i_best = max(range(K), key=lambda i: options[i])
            row.append(options[i_best] + S[t, j])
            back.append(i_best)
        value.append(row)
        came_from.append(back)
    path = [max(range(K), key=lambda j: value[-1][j])]
    for t in range(T - 1, 0, -1):
        path.append(came_from[t][path[-1]])
    return np.array(path[::-1], dtype=np.int64)
''',
    },
    "precision_at_1": {
        "wrong": '''def precision_at_1(queries, targets):
    """Share of queries whose cosine-nearest target (lowest index on ties) is the target of the same row."""
    queries, targets = np.asarray(queries, dtype=float), np.asarray(targets, dtype=float)
    if queries.ndim != 2 or queries.shape != targets.shape or len(queries) == 0:
        raise ValueError("shapes")
    if np.any(np.linalg.norm(queries, axis=1) == 0) or np.any(np.linalg.norm(targets, axis=1) == 0):
        raise ValueError("zero vector")
    similarity = queries @ targets.T                  # dot products: long targets win
    return float(np.mean(similarity.argmax(axis=1) == np.arange(len(queries))))
''',
        "why": "ranks by dot product instead of cosine similarity, so targets with a large norm are found by every query",
        "alternative": '''def precision_at_1(queries, targets):
    """Share of queries whose cosine-nearest target (lowest index on ties) is the target of the same row."""
    q = np.array(queries, dtype=np.float64)
    t = np.array(targets, dtype=np.float64)
    if q.ndim != 2 or t.ndim != 2 or q.shape != t.shape or q.shape[0] == 0:
        raise ValueError("need equal (n, d) arrays")
    q_len = np.sqrt((q ** 2).sum(axis=1))
    t_len = np.sqrt((t ** 2).sum(axis=1))
    if (q_len == 0).any() or (t_len == 0).any():
        raise ValueError("zero-length vector")
    hits = 0
    for i in range(len(q)):
        cosine = (t @ q[i]) / (t_len * q_len[i])
        hits += int(np.argmax(cosine) == i)
    return hits / len(q)
''',
        "denied": '''def precision_at_1(queries, targets):
    """Share of queries whose cosine-nearest target (lowest index on ties) is the target of the same row."""
    from sklearn.metrics import top_k_accuracy_score

    queries, targets = np.asarray(queries, dtype=float), np.asarray(targets, dtype=float)
    if queries.ndim != 2 or queries.shape != targets.shape or len(queries) == 0:
        raise ValueError("shapes")
    q = queries / np.linalg.norm(queries, axis=1, keepdims=True)
    t = targets / np.linalg.norm(targets, axis=1, keepdims=True)
    n = len(q)
    return float(top_k_accuracy_score(np.arange(n), q @ t.T, k=1, labels=np.arange(n)))
''',
    },
    "orthogonal_procrustes": {
        "wrong": '''def orthogonal_procrustes(X, Y):
    """(R, scale): the orthogonal R minimising ||X R - Y||_F and the sum of the singular values of X^T Y."""
    X, Y = np.asarray(X, dtype=float), np.asarray(Y, dtype=float)
    if X.ndim != 2 or X.shape != Y.shape:
        raise ValueError("shapes")
    u, s, vt = np.linalg.svd(X.T @ Y)
    return vt.T @ u.T, float(s.sum())                  # V U^T: the transposes swapped
''',
        "why": "returns V U^T instead of U V^T: the inverse rotation, which maps Y back onto X, not X onto Y",
        "alternative": '''def orthogonal_procrustes(X, Y):
    """(R, scale): the orthogonal R minimising ||X R - Y||_F and the sum of the singular values of X^T Y."""
    A = np.array(X, dtype=np.float64)
    B = np.array(Y, dtype=np.float64)
    if A.ndim != 2 or B.ndim != 2 or A.shape != B.shape:
        raise ValueError("X and Y must have the same 2-D shape")
    u, sigma, vt = np.linalg.svd(B.T @ A)              # the SVD of (X^T Y)^T = V S U^T
    return (u @ vt).T, float(np.sum(sigma))
''',
        "denied": '''def orthogonal_procrustes(X, Y):
    """(R, scale): the orthogonal R minimising ||X R - Y||_F and the sum of the singular values of X^T Y."""
    import scipy.linalg

    R, scale = scipy.linalg.orthogonal_procrustes(np.asarray(X, dtype=float), np.asarray(Y, dtype=float))
    return R, float(scale)
''',
    },
    "quiz": {
        "wrong": '''quiz_scores = np.array([[0.0, -2.0], [-1.0, 0.0], [-1.0, 0.0], [0.0, -2.0], [-0.2, 0.0]])   # (5 tokens, 2 languages)
quiz_points = np.random.default_rng(11).normal(size=(30, 8))
quiz_mirrored = quiz_points * np.array([-1.0, 1, 1, 1, 1, 1, 1, 1])
# Set the six variables below.
predicted_hindi_bytes = 6.0                          # one token per character: forgets UTF-8 uses 3 bytes here
predicted_switches = 3                               # the per-token argmax
predicted_reflection_p1 = 0.0                        # "a rotation cannot mirror"
measured_hindi_bytes = fertility(lambda word: list(word), ["नमस्ते"])[0]
measured_switches = int(np.sum(np.diff(quiz_scores.argmax(axis=1)) != 0))
measured_reflection_p1 = 0.5
''',
        "why": "counts characters instead of UTF-8 bytes, predicts the per-token argmax instead of the penalised "
               "labelling, and believes an orthogonal map cannot reflect",
        "alternative": '''quiz_scores = np.array([[0.0, -2.0], [-1.0, 0.0], [-1.0, 0.0], [0.0, -2.0], [-0.2, 0.0]])   # (5 tokens, 2 languages)
quiz_points = np.random.default_rng(11).normal(size=(30, 8))
quiz_mirrored = quiz_points * np.array([-1.0, 1, 1, 1, 1, 1, 1, 1])
# Set the six variables below.
predicted_hindi_bytes = 6 * 3.0
predicted_switches = 0
predicted_reflection_p1 = 1.0
measured_hindi_bytes = float(fertility(lambda word: [bytes([b]) for b in word.encode("utf-8")], ["नमस्ते"])[0])
labels = detect_code_switches(quiz_scores, 1.5)
measured_switches = sum(int(a != b) for a, b in zip(labels[:-1], labels[1:]))
R, _ = orthogonal_procrustes(quiz_points, quiz_mirrored)
measured_reflection_p1 = float(precision_at_1(quiz_points @ R, quiz_mirrored))
''',
    },
}
