"""Answer bank of week01_text_preprocessing_and_embeddings day04_one_hot_and_word_embeddings: a plausible wrong answer and a correct alternative per exercise."""

BANK = {
    "build_word_index": {
        "wrong": '''def build_word_index(texts, oov_token="<OOV>"):
    """{word: index}: the OOV token (if any) at 1, then words by descending count, ties by first appearance."""
    counts = Counter(word for text in texts for word in tokenize(text))
    ordered = [word for word, _ in counts.most_common()]
    if oov_token is not None:
        ordered = [oov_token] + [word for word in ordered if word != oov_token]
    return {word: index for index, word in enumerate(ordered, start=1)}


def texts_to_sequences(texts, word_index, num_words=None, oov_token="<OOV>"):
    """One list of indices per text; unknown words (or index >= num_words) -> the OOV index, or dropped."""
    oov_index = word_index.get(oov_token) if oov_token is not None else None
    sequences = []
    for text in texts:
        sequence = []
        for word in tokenize(text):
            index = word_index.get(word)
            if index is None or (num_words is not None and index > num_words):
                index = oov_index
            if index is not None:
                sequence.append(index)
        sequences.append(sequence)
    return sequences
''',
        "why": "num_words off by one: keeps the word whose index equals num_words (index > num_words instead of >=)",
        "alternative": '''def build_word_index(texts, oov_token="<OOV>"):
    """{word: index}: the OOV token (if any) at 1, then words by descending count, ties by first appearance."""
    counts = {}  # a dict remembers insertion order = order of first appearance
    for text in texts:
        for word in tokenize(text):
            counts[word] = counts.get(word, 0) + 1
    by_count = sorted(counts, key=lambda word: -counts[word])  # sorted() is stable: ties keep first appearance
    word_index = {}
    if oov_token is not None:
        word_index[oov_token] = 1
    for word in by_count:
        if word not in word_index:
            word_index[word] = len(word_index) + 1
    return word_index


def texts_to_sequences(texts, word_index, num_words=None, oov_token="<OOV>"):
    """One list of indices per text; unknown words (or index >= num_words) -> the OOV index, or dropped."""
    limit = float("inf") if num_words is None else num_words
    has_oov = oov_token is not None and oov_token in word_index

    def encode(word):
        if word in word_index and word_index[word] < limit:
            return [word_index[word]]
        return [word_index[oov_token]] if has_oov else []

    return [[index for word in tokenize(text) for index in encode(word)] for text in texts]
''',
    },
    "pad_sequences": {
        "wrong": '''def pad_sequences(sequences, maxlen=None, padding="pre", truncating="pre", value=0):
    """Stack integer sequences into an int64 array (n, maxlen), truncating and padding at the chosen ends."""
    for name, option in (("padding", padding), ("truncating", truncating)):
        if option not in "pre post":
            raise ValueError(f"{name} must be 'pre' or 'post', not {option!r}")
    if maxlen is not None and maxlen < 0:
        raise ValueError("maxlen must not be negative")
    sequences = [list(sequence) for sequence in sequences]
    if maxlen is None:
        maxlen = max((len(sequence) for sequence in sequences), default=0)
    batch = np.full((len(sequences), maxlen), value, dtype=np.int64)
    for row, sequence in enumerate(sequences):
        kept = sequence[max(0, len(sequence) - maxlen):] if truncating == "pre" else sequence[:maxlen]
        if kept:
            if padding == "post":
                batch[row, :len(kept)] = kept
            else:
                batch[row, maxlen - len(kept):] = kept
    return batch
''',
        "why": "validates padding/truncating with a substring test (option in 'pre post'), so 're', 'os' or '' are accepted instead of raising ValueError",
        "alternative": '''def pad_sequences(sequences, maxlen=None, padding="pre", truncating="pre", value=0):
    """Stack integer sequences into an int64 array (n, maxlen), truncating and padding at the chosen ends."""
    allowed = {"pre", "post"}
    if padding not in allowed:
        raise ValueError(f"padding={padding!r}: use 'pre' or 'post'")
    if truncating not in allowed:
        raise ValueError(f"truncating={truncating!r}: use 'pre' or 'post'")
    if maxlen is not None and maxlen < 0:
        raise ValueError(f"maxlen={maxlen} is negative")
    rows = [np.asarray(sequence, dtype=np.int64).reshape(-1) for sequence in sequences]
    length = maxlen if maxlen is not None else max([len(row) for row in rows] + [0])
    padded = []
    for row in rows:
        if len(row) > length:
            row = row[len(row) - length:] if truncating == "pre" else row[:length]
        filler = np.full(length - len(row), value, dtype=np.int64)
        padded.append(np.concatenate([filler, row] if padding == "pre" else [row, filler]))
    if not padded:
        return np.zeros((0, length), dtype=np.int64)
    return np.stack(padded).astype(np.int64)
''',
        "denied": '''from torch.nn.utils.rnn import pad_sequence


def pad_sequences(sequences, maxlen=None, padding="pre", truncating="pre", value=0):
    """Stack integer sequences into an int64 array (n, maxlen), truncating and padding at the chosen ends."""
    if padding not in ("pre", "post"):
        raise ValueError(f"padding must be 'pre' or 'post', not {padding!r}")
    if truncating not in ("pre", "post"):
        raise ValueError(f"truncating must be 'pre' or 'post', not {truncating!r}")
    if maxlen is not None and maxlen < 0:
        raise ValueError(f"maxlen must be >= 0, not {maxlen}")
    rows = [list(sequence) for sequence in sequences]
    if maxlen is None:
        maxlen = max((len(row) for row in rows), default=0)
    if not rows:
        return np.zeros((0, maxlen), dtype=np.int64)
    kept = [row[max(0, len(row) - maxlen):] if truncating == "pre" else row[:maxlen] for row in rows]
    # One extra row of length maxlen makes pad_sequence pad every row to exactly maxlen.
    tensors = [torch.tensor(row, dtype=torch.int64) for row in kept] + [torch.zeros(maxlen, dtype=torch.int64)]
    batch = pad_sequence(tensors, batch_first=True, padding_value=value,
                         padding_side="left" if padding == "pre" else "right")
    return batch[:-1].numpy().astype(np.int64)
''',
    },
    "one_hot": {
        "wrong": '''def one_hot(indices, vocab_size):
    """float64 array of shape indices.shape + (vocab_size,): a 1.0 at each index; ValueError if out of range."""
    indices = np.asarray(indices, dtype=np.int64)
    if indices.size and (indices.min() < 0 or indices.max() >= vocab_size):
        raise ValueError("index out of range")
    return (indices[..., None] == np.arange(vocab_size)).astype(np.float64)


def embedding_lookup(indices, embedding_matrix):
    """Rows of embedding_matrix (V, d) for each index: shape indices.shape + (d,), same dtype; ValueError if out of range."""
    embedding_matrix = np.asarray(embedding_matrix)
    # The embedding layer is a one-hot vector times the matrix.
    return one_hot(indices, embedding_matrix.shape[0]) @ embedding_matrix
''',
        "why": "embedding_lookup multiplies a float64 one-hot array by the matrix, so a float32 matrix comes back as float64",
        "alternative": '''def one_hot(indices, vocab_size):
    """float64 array of shape indices.shape + (vocab_size,): a 1.0 at each index; ValueError if out of range."""
    ids = np.asarray(indices, dtype=np.int64)
    if np.any(ids < 0) or np.any(ids >= vocab_size):
        raise ValueError(f"every index must be in 0 .. {vocab_size - 1}")
    return np.eye(vocab_size, dtype=np.float64)[ids]  # row i of the identity is the one-hot vector of i


def embedding_lookup(indices, embedding_matrix):
    """Rows of embedding_matrix (V, d) for each index: shape indices.shape + (d,), same dtype; ValueError if out of range."""
    table = np.asarray(embedding_matrix)
    ids = np.asarray(indices, dtype=np.int64)
    if np.any(ids < 0) or np.any(ids >= table.shape[0]):
        raise ValueError(f"every index must be in 0 .. {table.shape[0] - 1}")
    return np.take(table, ids, axis=0)
''',
        "denied": '''import torch.nn.functional as F


def one_hot(indices, vocab_size):
    """float64 array of shape indices.shape + (vocab_size,): a 1.0 at each index; ValueError if out of range."""
    indices = np.asarray(indices, dtype=np.int64)
    if indices.size and (indices.min() < 0 or indices.max() >= vocab_size):
        raise ValueError(f"indices must lie in [0, {vocab_size})")
    if indices.size == 0:
        return np.zeros(indices.shape + (vocab_size,))
    return F.one_hot(torch.as_tensor(indices), num_classes=vocab_size).numpy().astype(np.float64)


def embedding_lookup(indices, embedding_matrix):
    """Rows of embedding_matrix (V, d) for each index: shape indices.shape + (d,), same dtype; ValueError if out of range."""
    embedding_matrix = np.asarray(embedding_matrix)
    indices = np.asarray(indices, dtype=np.int64)
    if indices.size and (indices.min() < 0 or indices.max() >= embedding_matrix.shape[0]):
        raise ValueError(f"indices must lie in [0, {embedding_matrix.shape[0]})")
    return F.embedding(torch.as_tensor(indices), torch.as_tensor(embedding_matrix)).numpy()
''',
    },
    "skipgram_pairs": {
        "wrong": '''def skipgram_pairs(sequence, window):
    """(center, context) tuples: positions in order, contexts from left to right within `window`, clipped."""
    pairs = []
    for i, center in enumerate(sequence):
        for j in range(max(0, i - window), min(len(sequence), i + window + 1)):
            if j != i:
                pairs.append((center, sequence[j]))
    return pairs


def noise_distribution(counts, power=0.75):
    """float64 probabilities proportional to counts ** power, exactly 0 for zero counts."""
    counts = np.asarray(counts, dtype=np.float64)
    if counts.size == 0 or np.any(counts < 0) or not np.any(counts > 0):
        raise ValueError("counts must be non-empty, non-negative and not all zero")
    weights = counts ** power
    return weights / weights.sum()
''',
        "why": "counts ** power without masking zero counts: with power=0 a word of count 0 gets 0.0 ** 0 = 1 and a share of the probability",
        "alternative": '''def skipgram_pairs(sequence, window):
    """(center, context) tuples: positions in order, contexts from left to right within `window`, clipped."""
    n = len(sequence)
    return [(sequence[i], sequence[j])
            for i in range(n)
            for j in range(i - window, i + window + 1)
            if 0 <= j < n and j != i]


def noise_distribution(counts, power=0.75):
    """float64 probabilities proportional to counts ** power, exactly 0 for zero counts."""
    values = np.array(counts, dtype=np.float64).reshape(-1)
    if len(values) == 0:
        raise ValueError("counts is empty")
    if (values < 0).any():
        raise ValueError("counts must not be negative")
    positive = values > 0
    if not positive.any():
        raise ValueError("at least one count must be positive")
    powered = np.power(values, power, out=np.zeros_like(values), where=positive)
    return powered / powered.sum()
''',
    },
    "sgns_loss_and_gradients": {
        "wrong": '''def sgns_loss_and_gradients(center_vectors, context_vectors, negative_vectors):
    """Mean skip-gram negative-sampling loss of a batch and its gradients w.r.t. the three inputs."""
    centers = np.asarray(center_vectors, dtype=np.float64)
    contexts = np.asarray(context_vectors, dtype=np.float64)
    negatives = np.asarray(negative_vectors, dtype=np.float64)
    batch_size = centers.shape[0]
    positive_scores = np.einsum("bd,bd->b", contexts, centers)
    negative_scores = np.einsum("bkd,bd->bk", negatives, centers)
    log_sigmoid = lambda z: -np.logaddexp(0.0, -z)
    loss = -(log_sigmoid(positive_scores).sum() + log_sigmoid(-negative_scores).sum()) / batch_size
    positive_weight = np.exp(log_sigmoid(positive_scores)) - 1.0
    negative_weight = np.exp(log_sigmoid(negative_scores))
    grad_center = positive_weight[:, None] * contexts + np.einsum("bk,bkd->bd", negative_weight, negatives)
    grad_context = positive_weight[:, None] * centers
    grad_negatives = negative_weight[:, :, None] * centers[:, None, :]
    return float(loss), grad_center, grad_context, grad_negatives
''',
        "why": "the loss is the mean over the batch but the gradients are those of the sum (the 1/B factor is missing)",
        "alternative": '''from scipy.special import expit, log_expit


def sgns_loss_and_gradients(center_vectors, context_vectors, negative_vectors):
    """Mean skip-gram negative-sampling loss of a batch and its gradients w.r.t. the three inputs."""
    v = np.asarray(center_vectors, dtype=np.float64)  # (B, d)
    u = np.asarray(context_vectors, dtype=np.float64)  # (B, d)
    n = np.asarray(negative_vectors, dtype=np.float64)  # (B, K, d)
    batch = len(v)
    s_pos = np.sum(u * v, axis=1)  # (B,)
    s_neg = np.matmul(n, v[:, :, None])[:, :, 0]  # (B, K)
    loss = -(log_expit(s_pos).sum() + log_expit(-s_neg).sum()) / batch
    # d(-log sigma(s))/ds = -sigma(-s) for the true pair, d(-log sigma(-s))/ds = sigma(s) for a noise word.
    d_pos = -expit(-s_pos) / batch  # (B,)
    d_neg = expit(s_neg) / batch  # (B, K)
    grad_v = d_pos[:, None] * u + np.matmul(d_neg[:, None, :], n)[:, 0, :]  # (B, d)
    grad_u = d_pos[:, None] * v  # (B, d)
    grad_n = d_neg[:, :, None] * v[:, None, :]  # (B, K, d)
    return float(loss), grad_v, grad_u, grad_n
''',
        "denied": '''import torch.nn.functional as F


def sgns_loss_and_gradients(center_vectors, context_vectors, negative_vectors):
    """Mean skip-gram negative-sampling loss of a batch and its gradients w.r.t. the three inputs."""
    centers = torch.tensor(np.asarray(center_vectors, dtype=np.float64), requires_grad=True)  # (B, d)
    contexts = torch.tensor(np.asarray(context_vectors, dtype=np.float64), requires_grad=True)  # (B, d)
    negatives = torch.tensor(np.asarray(negative_vectors, dtype=np.float64), requires_grad=True)  # (B, K, d)
    positive_scores = (contexts * centers).sum(dim=1)  # (B,)
    negative_scores = torch.einsum("bkd,bd->bk", negatives, centers)  # (B, K)
    loss = -(F.logsigmoid(positive_scores).sum() + F.logsigmoid(-negative_scores).sum()) / centers.shape[0]
    loss.backward()  # autograd computes the three gradients
    return float(loss), centers.grad.numpy(), contexts.grad.numpy(), negatives.grad.numpy()
''',
    },
    "nearest_neighbours": {
        "wrong": '''def nearest_neighbours(matrix, words, query, k):
    """The k rows most cosine-similar to `query`'s row (itself excluded), as [(word, cosine), ...]."""
    matrix = np.asarray(matrix, dtype=np.float64)
    query_row = {word: row for row, word in enumerate(words)}[query]
    scores = _cosine_to(matrix, matrix[query_row])
    return [(words[row], float(scores[row])) for row in _top_rows(scores, {query_row}, k)]


def analogy(matrix, words, a, b, c, k=1):
    """3CosAdd: the k rows most cosine-similar to unit(b) - unit(a) + unit(c), excluding a, b and c."""
    matrix = np.asarray(matrix, dtype=np.float64)
    rows = {word: row for row, word in enumerate(words)}
    row_a, row_b, row_c = rows[a], rows[b], rows[c]
    target = matrix[row_b] - matrix[row_a] + matrix[row_c]  # king - man + woman
    scores = _cosine_to(matrix, target)
    return [(words[row], float(scores[row])) for row in _top_rows(scores, {row_a, row_b, row_c}, k)]


def _cosine_to(matrix, vector):
    norms = np.linalg.norm(matrix, axis=1) * np.linalg.norm(vector)
    dots = matrix @ vector
    return np.divide(dots, norms, out=np.zeros_like(dots), where=norms > 0)


def _top_rows(scores, excluded, k):
    order = np.lexsort((np.arange(len(scores)), -np.round(scores, 9)))
    order = order[~np.isin(order, list(excluded))]
    return [int(row) for row in order[:max(k, 0)]]
''',
        "why": "analogy adds the raw vectors b - a + c instead of their unit vectors",
        "alternative": '''import math


def _row_cosines(matrix, target):
    """Cosine of every row with `target`, 0 where either norm is 0 (plain Python floats)."""
    target_norm = math.sqrt(float(target @ target))
    cosines = []
    for row in matrix:
        row_norm = math.sqrt(float(row @ row))
        cosines.append(float(row @ target) / (row_norm * target_norm) if row_norm > 0 and target_norm > 0 else 0.0)
    return cosines


def _ranked(words, cosines, skip, k):
    order = sorted((row for row in range(len(words)) if row not in skip), key=lambda row: (-round(cosines[row], 9), row))
    return [(words[row], cosines[row]) for row in order[:k]]


def nearest_neighbours(matrix, words, query, k):
    """The k rows most cosine-similar to `query`'s row (itself excluded), as [(word, cosine), ...]."""
    vectors = np.asarray(matrix, dtype=np.float64)
    position = dict(zip(words, range(len(words))))
    me = position[query]  # KeyError for an unknown word
    return _ranked(words, _row_cosines(vectors, vectors[me]), {me}, k)


def analogy(matrix, words, a, b, c, k=1):
    """3CosAdd: the k rows most cosine-similar to unit(b) - unit(a) + unit(c), excluding a, b and c."""
    vectors = np.asarray(matrix, dtype=np.float64)
    position = dict(zip(words, range(len(words))))
    picked = [position[a], position[b], position[c]]  # KeyError for an unknown word
    units = []
    for row in picked:
        length = np.linalg.norm(vectors[row])
        units.append(vectors[row] / length if length > 0 else vectors[row])
    target = units[1] - units[0] + units[2]
    return _ranked(words, _row_cosines(vectors, target), set(picked), k)
''',
        "denied": '''from gensim.models import KeyedVectors


def _cosines_with(matrix, words, vector):
    """Cosine of every row with `vector`, computed by gensim; 0 where a norm is 0."""
    vectors = KeyedVectors(matrix.shape[1], count=0, dtype=np.float64)
    vectors.add_vectors(list(words), matrix)
    with np.errstate(divide="ignore", invalid="ignore"):
        scores = np.asarray(vectors.similar_by_vector(vector, topn=None), dtype=np.float64)  # every row, in order
    return np.nan_to_num(scores, nan=0.0, posinf=0.0, neginf=0.0)  # a zero vector gives nan


def _ranked(scores, excluded, k):
    order = np.lexsort((np.arange(len(scores)), -np.round(scores, 9)))
    return [int(row) for row in order if row not in excluded][:max(k, 0)]


def nearest_neighbours(matrix, words, query, k):
    """The k rows most cosine-similar to `query`'s row (itself excluded), as [(word, cosine), ...]."""
    matrix = np.asarray(matrix, dtype=np.float64)
    row = {word: i for i, word in enumerate(words)}[query]
    scores = _cosines_with(matrix, words, matrix[row])
    return [(words[i], float(scores[i])) for i in _ranked(scores, {row}, k)]


def analogy(matrix, words, a, b, c, k=1):
    """3CosAdd: the k rows most cosine-similar to unit(b) - unit(a) + unit(c), excluding a, b and c."""
    matrix = np.asarray(matrix, dtype=np.float64)
    rows = {word: i for i, word in enumerate(words)}
    excluded = {rows[a], rows[b], rows[c]}
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    units = np.divide(matrix, norms, out=np.zeros_like(matrix), where=norms > 0)
    target = units[rows[b]] - units[rows[a]] + units[rows[c]]
    scores = _cosines_with(matrix, words, target)
    return [(words[i], float(scores[i])) for i in _ranked(scores, excluded, k)]
''',
    },
    "pca_project": {
        "wrong": '''def pca_project(matrix, n_components=2):
    """Coordinates (n, n_components) of the centred rows on the top principal components (sklearn's sign rule)."""
    matrix = np.asarray(matrix, dtype=np.float64)
    if not 1 <= n_components <= min(matrix.shape):
        raise ValueError("n_components out of range")
    _, _, right_vectors = np.linalg.svd(matrix, full_matrices=False)
    components = right_vectors[:n_components]
    largest = np.argmax(np.abs(components), axis=1)
    components = components * np.sign(components[np.arange(n_components), largest])[:, None]
    return matrix @ components.T
''',
        "why": "forgets to centre the rows before the SVD (and projects the uncentred rows)",
        "alternative": '''def pca_project(matrix, n_components=2):
    """Coordinates (n, n_components) of the centred rows on the top principal components (sklearn's sign rule)."""
    data = np.array(matrix, dtype=np.float64)
    n, d = data.shape
    if n_components < 1 or n_components > min(n, d):
        raise ValueError(f"n_components must be in 1 .. {min(n, d)}")
    centred = data - data.mean(axis=0, keepdims=True)
    # The principal directions are the eigenvectors of the scatter matrix, largest eigenvalue first.
    eigenvalues, eigenvectors = np.linalg.eigh(centred.T @ centred)  # ascending eigenvalues
    components = eigenvectors[:, ::-1][:, :n_components].T  # (n_components, d)
    for component in components:
        if component[np.argmax(np.abs(component))] < 0:
            component *= -1.0
    return centred @ components.T
''',
        "denied": '''from sklearn.decomposition import PCA


def pca_project(matrix, n_components=2):
    """Coordinates (n, n_components) of the centred rows on the top principal components (sklearn's sign rule)."""
    matrix = np.asarray(matrix, dtype=np.float64)
    if not 1 <= n_components <= min(matrix.shape):
        raise ValueError(f"n_components must be between 1 and {min(matrix.shape)}")
    return PCA(n_components=n_components, svd_solver="full").fit_transform(matrix)
''',
    },
    "scatter_add_rows": {
        "wrong": '''def scatter_add_rows(matrix, rows, updates):
    \"\"\"A float64 copy of `matrix` with updates[i] added to row rows[i]; repeated rows receive the sum.\"\"\"
    original = np.asarray(matrix, dtype=np.float64)
    result = original.copy()
    for row, update in zip(np.asarray(rows, dtype=int), np.asarray(updates, dtype=np.float64)):
        result[row] = original[row] + update       # starts again from the ORIGINAL row: the last update wins
    return result
''',
        "why": "adds each update to the original row instead of the running result, so a repeated row keeps only its "
               "last update, the same symptom as the fancy-index +=",
        "alternative": '''def scatter_add_rows(matrix, rows, updates):
    \"\"\"A float64 copy of `matrix` with updates[i] added to row rows[i]; repeated rows receive the sum.\"\"\"
    base = np.array(matrix, dtype=np.float64)
    index = np.asarray(rows, dtype=int).ravel()
    if index.size == 0:
        return base
    change = np.asarray(updates, dtype=np.float64).reshape(index.size, -1)
    selector = np.zeros((base.shape[0], index.size))
    selector[index, np.arange(index.size)] = 1.0          # one-hot columns: (V, n)
    return base + selector @ change
''',
    },
    "quiz": {
        "wrong": '''# Set the six variables below.
predicted_pair_count = 24             # 2 * window pairs at every position, as if padded
predicted_rare_probability = 1 / 17
predicted_row_total = 8.0
measured_pair_count = len(skipgram_pairs(list(range(6)), 2))
measured_rare_probability = float(noise_distribution([1, 16])[0])
measured_row_total = float(scatter_add_rows(np.zeros((4, 1)), [3, 1, 3, 3], [[1], [2], [3], [4]])[3, 0])
''',
        "why": "forgets that windows are clipped at the ends (24 instead of 18 pairs) and ignores the 0.75 power "
               "(1/17 instead of 1/9)",
        "alternative": '''# Set the six variables below.
predicted_pair_count = 2 + 3 + 4 + 4 + 3 + 2
predicted_rare_probability = 1.0 / (1.0 + 16 ** 0.75)
predicted_row_total = float(1 + 3 + 4)
measured_pair_count = sum(1 for i in range(6) for j in range(max(0, i - 2), min(6, i + 3)) if j != i)
weights = np.array([1.0, 16.0]) ** 0.75
measured_rare_probability = float(weights[0] / weights.sum())
total = np.zeros((4, 1))
np.add.at(total, np.array([3, 1, 3, 3]), np.array([[1.0], [2.0], [3.0], [4.0]]))
measured_row_total = float(total[3, 0])
''',
    },
}
