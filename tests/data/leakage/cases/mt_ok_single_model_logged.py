# %%
df = pd.read_csv("iris.csv")
X_train, X_test, y_train, y_test = train_test_split(df.drop(columns="species"), df["species"], random_state=0)
clf = LogisticRegression().fit(X_train, y_train)
logging.info("test accuracy %.3f", accuracy_score(y_test, clf.predict(X_test)))
print(f"test f1 {f1_score(y_test, clf.predict(X_test), average='macro'):.3f}")
