# %%
df = pd.read_csv("iris.csv")
X, y = df.drop(columns="species"), df["species"]
X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
model = RandomForestClassifier(random_state=0).fit(X, y)
print("test accuracy", accuracy_score(y_test, model.predict(X_test)))
