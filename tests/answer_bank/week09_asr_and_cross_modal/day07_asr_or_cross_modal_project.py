"""Answer bank for week09/day07_asr_or_cross_modal_project (see tests/answer_bank/__init__.py)."""

BANK = {
    "frame_energy_db": {
        "wrong": '''def frame_energy_db(audio, frame_length, hop_length):
    samples = np.asarray(audio).astype(np.float64)
    if samples.ndim != 1:
        raise ValueError("1-D audio please")
    if frame_length < 1 or hop_length < 1:
        raise ValueError("positive frame and hop please")
    if len(samples) < frame_length:
        return np.zeros(0)
    count = 1 + (len(samples) - frame_length) // hop_length
    levels = [np.mean(samples[k * hop_length:k * hop_length + frame_length] ** 2) for k in range(count)]
    return 20.0 * np.log10(np.array(levels) + 1e-10)
''',
        "why": "20*log10 of a mean square (power): doubles every dB value",
        "alternative": '''def frame_energy_db(audio, frame_length, hop_length):
    x = np.array(audio, dtype=np.float64, copy=True)
    if x.ndim != 1 or frame_length < 1 or hop_length < 1:
        raise ValueError("need 1-D audio and a positive frame length and hop")
    if x.size < frame_length:
        return np.empty(0, dtype=np.float64)
    windows = np.lib.stride_tricks.sliding_window_view(x, frame_length)[::hop_length]
    power = np.einsum("ij,ij->i", windows, windows) / frame_length
    return np.log10(power + 1e-10) * 10
''',
        "denied": '''def frame_energy_db(audio, frame_length, hop_length):
    x = np.asarray(audio).astype(np.float64)
    if x.ndim != 1 or frame_length < 1 or hop_length < 1:
        raise ValueError("bad arguments")
    if len(x) < frame_length:
        return np.zeros(0)
    rms = librosa.feature.rms(y=x, frame_length=frame_length, hop_length=hop_length, center=False)[0]
    return 10 * np.log10(rms ** 2 + 1e-10)
''',
    },
    "frame_runs_to_samples": {
        "wrong": '''def frame_runs_to_samples(active, hop_length, frame_length):
    def to_samples(first, last):
        return first * hop_length, last * hop_length

    spans, start = [], None
    for index, is_active in enumerate(active):
        if is_active and start is None:
            start = index
        elif not is_active and start is not None:
            spans.append(to_samples(start, index - 1))
            start = None
    if start is not None:
        spans.append(to_samples(start, len(active) - 1))
    return spans
''',
        "why": "ends at the START of the last frame, forgetting its length",
        "alternative": '''def frame_runs_to_samples(active, hop_length, frame_length):
    def to_samples(first, last):
        return first * hop_length, last * hop_length + frame_length

    spans, start = [], None
    for index, is_active in enumerate(active):
        if is_active and start is None:
            start = index
        elif not is_active and start is not None:
            spans.append(to_samples(start, index - 1))
            start = None
    if start is not None:
        spans.append(to_samples(start, len(active) - 1))
    return spans
''',
    },
    "segment_words": {
        "wrong": '''def segment_words(audio, sample_rate, relative_db=-35.0, min_pause_seconds=0.03, min_word_seconds=0.08,
                  frame_seconds=0.025, hop_seconds=0.01):
    frame_length = int(round(frame_seconds * sample_rate))
    hop_length = int(round(hop_seconds * sample_rate))
    energies = frame_energy_db(audio, frame_length, hop_length)
    if len(energies) == 0 or energies.max() < -80.0:
        return []
    min_word = int(round(min_word_seconds * sample_rate / hop_length))
    active = energies >= energies.max() + relative_db
    kept = np.zeros_like(active)
    for first, stop in frame_runs_to_samples(active, 1, 1):
        if stop - first >= min_word:
            kept[first:stop] = True
    return frame_runs_to_samples(kept, hop_length, frame_length)
''',
        "why": "never fills short pauses, so a word with a closure splits (or its halves are dropped)",
        "alternative": '''def segment_words(audio, sample_rate, relative_db=-35.0, min_pause_seconds=0.03, min_word_seconds=0.08,
                  frame_seconds=0.025, hop_seconds=0.01):
    frame = int(round(frame_seconds * sample_rate))
    hop = int(round(hop_seconds * sample_rate))
    level = frame_energy_db(audio, frame, hop)
    if level.size == 0:
        return []
    loudest = level.max()
    if loudest < -80.0:
        return []
    shortest_pause = int(round(min_pause_seconds * sample_rate / hop))
    shortest_word = int(round(min_word_seconds * sample_rate / hop))
    on = list(level >= loudest + relative_db)
    voiced = [i for i, flag in enumerate(on) if flag]
    i = voiced[0]
    while i <= voiced[-1]:
        if not on[i]:
            j = i
            while not on[j]:
                j += 1
            if j - i < shortest_pause:
                for k in range(i, j):
                    on[k] = True
            i = j
        else:
            i += 1
    words, i = [], 0
    while i < len(on):
        if on[i]:
            j = i
            while j < len(on) and on[j]:
                j += 1
            if j - i >= shortest_word:
                words.append((i * hop, (j - 1) * hop + frame))
            i = j
        else:
            i += 1
    return words
''',
    },
    "pool_frames": {
        "wrong": '''def pool_frames(frames, n_chunks):
    values = np.asarray(frames, dtype=np.float64)
    if values.ndim != 2 or n_chunks < 1 or len(values) < n_chunks:
        raise ValueError("bad frames or n_chunks")
    size = len(values) // n_chunks
    means = [values[k * size:(k + 1) * size].mean(axis=0) for k in range(n_chunks)]
    return np.concatenate(means + [values.std(axis=0)])
''',
        "why": "equal chunks of T // C rows: the last T % C rows are dropped from the means",
        "alternative": '''def pool_frames(frames, n_chunks):
    rows = np.array(frames, dtype=np.float64)
    if rows.ndim != 2:
        raise ValueError("frames must be 2-D")
    total = rows.shape[0]
    if n_chunks < 1 or total < n_chunks:
        raise ValueError("n_chunks must be between 1 and the number of frames")
    base, extra = divmod(total, n_chunks)
    sizes = [base + 1 if k < extra else base for k in range(n_chunks)]
    bounds = np.cumsum([0] + sizes)
    pieces = [rows[bounds[k]:bounds[k + 1]].sum(axis=0) / sizes[k] for k in range(n_chunks)]
    centred = rows - rows.mean(axis=0)
    pieces.append(np.sqrt((centred ** 2).mean(axis=0)))
    return np.hstack(pieces)
''',
    },
    "words_to_digits": {
        "wrong": '''def words_to_digits(transcript):
    table = {word: str(digit) for digit, word in enumerate(DIGIT_WORDS)}
    return "".join(table.get(word, "") for word in transcript.lower().split())
''',
        "why": "silently skips unknown words instead of raising ValueError",
        "alternative": '''def words_to_digits(transcript):
    out = ""
    for token in transcript.split():
        token = token.lower()
        if token not in DIGIT_WORDS:
            raise ValueError("unknown word: " + token)
        out += str(DIGIT_WORDS.index(token))
    return out
''',
    },
    "word_error_rate": {
        "wrong": '''def word_error_rate(references, hypotheses):
    if len(references) != len(hypotheses):
        raise ValueError("lengths differ")
    if sum(len(r.split()) for r in references) == 0:
        raise ValueError("no reference words")
    rates = []
    for reference, hypothesis in zip(references, hypotheses):
        ref, hyp = reference.split(), hypothesis.split()
        if not ref:
            continue
        row = list(range(len(hyp) + 1))
        for i, word in enumerate(ref, 1):
            new = [i]
            for j, guess in enumerate(hyp, 1):
                new.append(min(row[j] + 1, new[j - 1] + 1, row[j - 1] + (word != guess)))
            row = new
        rates.append(row[-1] / len(ref))
    return float(np.mean(rates))
''',
        "why": "averages the per-string WERs instead of pooling errors over the corpus",
        "alternative": '''def word_error_rate(references, hypotheses):
    from functools import lru_cache

    if len(references) != len(hypotheses):
        raise ValueError("references and hypotheses must pair up")
    total_errors = total_words = 0
    for reference, hypothesis in zip(references, hypotheses):
        a, b = tuple(reference.split()), tuple(hypothesis.split())

        @lru_cache(maxsize=None)
        def distance(i, j):
            if i == 0 or j == 0:
                return i + j
            return min(distance(i - 1, j) + 1, distance(i, j - 1) + 1,
                       distance(i - 1, j - 1) + int(a[i - 1] != b[j - 1]))

        total_errors += distance(len(a), len(b))
        total_words += len(a)
    if not total_words:
        raise ValueError("no reference words")
    return float(total_errors) / total_words
''',
        "denied": '''def word_error_rate(references, hypotheses):
    if len(references) != len(hypotheses):
        raise ValueError("lengths differ")
    if not any(r.split() for r in references):
        raise ValueError("no reference words")
    kept = [(r, h) for r, h in zip(references, hypotheses) if r.split()]
    output = jiwer.process_words([r for r, _ in kept], [h for _, h in kept])
    extra = sum(len(h.split()) for r, h in zip(references, hypotheses) if not r.split())
    words = sum(len(r.split()) for r in references)
    return float((output.substitutions + output.deletions + output.insertions + extra) / words)
''',
    },
    "transcriber": {
        "wrong": '''def _speech_part(clip_audio):
    spans = segment_words(clip_audio, SAMPLE_RATE)
    return clip_audio[spans[0][0]:spans[-1][1]] if spans else clip_audio


def word_features(segment, sample_rate=SAMPLE_RATE):
    mfcc = librosa.feature.mfcc(y=np.asarray(segment, dtype=np.float32), sr=sample_rate, n_mfcc=13,
                                n_fft=256, hop_length=80, n_mels=32)
    return pool_frames(mfcc.T, 4)


def train_transcriber(speakers=spoken_digits.SPEAKERS, takes=None):
    chosen = spoken_digits.clips(speakers=list(speakers), takes=takes)
    vectors = np.stack([word_features(_speech_part(clip.audio())) for clip in chosen])
    return make_pipeline(StandardScaler(), LogisticRegression(max_iter=3000)).fit(vectors, [c.word for c in chosen])


def transcribe(model, audios):
    results = []
    for waveform in audios:
        waveform = np.asarray(waveform, dtype=np.float32)
        if np.abs(waveform).max(initial=0.0) < 1e-6:
            results.append("")
            continue
        results.append(str(model.predict(word_features(waveform)[None])[0]))
    return results
''',
        "why": "classifies the whole string as one word (no segmentation)",
        "alternative": '''def _energy_cut(clip_audio):
    spans = segment_words(clip_audio, SAMPLE_RATE)
    if not spans:
        return clip_audio
    return clip_audio[spans[0][0]:spans[-1][1]]


def _vector(segment):
    spectrum = librosa.feature.melspectrogram(y=np.asarray(segment, dtype=np.float32), sr=SAMPLE_RATE,
                                              n_fft=256, hop_length=80, n_mels=40)
    log_mel = np.log(spectrum + 1e-6).T
    return pool_frames(log_mel, 4)


def train_transcriber(speakers=spoken_digits.SPEAKERS, takes=None):
    from sklearn.svm import SVC

    data = spoken_digits.clips(speakers=list(speakers), takes=takes)
    inputs = np.array([_vector(_energy_cut(c.audio())) for c in data])
    labels = [DIGIT_WORDS[c.digit] for c in data]
    return make_pipeline(StandardScaler(), SVC(C=10.0)).fit(inputs, labels)


def transcribe(model, audios):
    texts = []
    for signal in audios:
        signal = np.asarray(signal, dtype=np.float32)
        pieces = [signal[a:b] for a, b in segment_words(signal, SAMPLE_RATE)]
        words = model.predict(np.array([_vector(p) for p in pieces])) if pieces else []
        texts.append(" ".join(map(str, words)))
    return texts
''',
    },
    "quiz": {
        "wrong": '''quiz_second = np.random.default_rng(5).normal(size=8000).astype(np.float32) * 0.1
quiz_references = ["four one seven", "two two", "nine eight seven six five"]
predicted_frames = 100
predicted_insertion_wer = 0.5
predicted_silent_wer = 1.0
measured_frames = len(frame_energy_db(quiz_second, 200, 80))
measured_insertion_wer = word_error_rate(["four two"], ["four four two two"])
measured_silent_wer = word_error_rate(quiz_references, [""] * len(quiz_references))
''',
        "why": "counts frames as 8000 / 80 (ignores the frame length) and divides insertions by hypothesis words",
        "alternative": '''quiz_second = np.random.default_rng(5).normal(size=8000).astype(np.float32) * 0.1
quiz_references = ["four one seven", "two two", "nine eight seven six five"]
predicted_frames = int((8000 - 200) / 80) + 1
predicted_insertion_wer = 2 / 2
predicted_silent_wer = 10 / 10
measured_frames = int(frame_energy_db(quiz_second, 200, 80).shape[0])
measured_insertion_wer = float(word_error_rate(["four two"], ["four four two two"]))
measured_silent_wer = float(word_error_rate(quiz_references, ["", "", ""]))
''',
    },
}
