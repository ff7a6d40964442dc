# %%
df = pd.read_csv("iris.csv")
X_train, X_test, y_train, y_test = train_test_split(df.drop(columns="species"), df["species"], random_state=0)
for c in [0.1, 1.0, 10.0]:
    clf = LogisticRegression(C=c).fit(X_train, y_train)
    logging.info("C=%s accuracy=%.3f", c, accuracy_score(y_test, clf.predict(X_test)))
