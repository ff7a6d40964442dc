# %%
df = pd.read_csv("adult.csv")
X = pd.get_dummies(df.drop(columns="income"), drop_first=True)
X_train, X_test, y_train, y_test = train_test_split(X, df["income"], random_state=0)
print(RandomForestClassifier(random_state=0).fit(X_train, y_train).score(X_test, y_test))
