# %%
df = pd.read_csv("iris.csv")
X_train, X_test, y_train, y_test = train_test_split(df.drop(columns="species"), df["species"], random_state=0)
lr = LogisticRegression().fit(X_test, y_test)
logging.info("accuracy %.3f", lr.score(X_test, y_test))
