# %%
df = pd.read_csv("iris.csv")
X_train, X_test, y_train, y_test = train_test_split(df.drop(columns="species"), df["species"], random_state=0)
members = [LogisticRegression(), KNeighborsClassifier(), DecisionTreeClassifier(random_state=0)]
for member in members:
    member.fit(X_train, y_train)
votes = np.array([member.predict(X_test) for member in members])
print("ensemble", (votes == np.array(y_test)).mean())
