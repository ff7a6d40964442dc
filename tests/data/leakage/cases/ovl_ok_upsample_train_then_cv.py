# %%
df = pd.read_csv("rare.csv")
X_train, X_test, y_train, y_test = train_test_split(df[["a", "b"]], df["label"], random_state=0)
X_up, y_up = resample(X_train, y_train, n_samples=5000, random_state=0)
model = LogisticRegression().fit(X_up, y_up)
print(f1_score(y_test, model.predict(X_test)))
