# %%
df = pd.read_csv("glass.csv")
X = df.drop(columns="Type").apply(lambda col: (col - col.mean()) / col.std())
X_train, X_test, y_train, y_test = train_test_split(X, df["Type"], random_state=0)
print(KNeighborsClassifier().fit(X_train, y_train).score(X_test, y_test))
